package io.tollgate.identity.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** An organisation was created. (Serialised by the outbox's mapper: registered for the native image.) */
@RegisterForReflection
public record OrgCreated(UUID orgId, String slug, String name) implements IntegrationEvent {

    public static final String TYPE = "identity.org-created.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orgId.toString();
    }
}
