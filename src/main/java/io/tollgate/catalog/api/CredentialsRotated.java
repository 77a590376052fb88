package io.tollgate.catalog.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** Provider credentials were re-encrypted under the active key-encryption key {@code keyId}. */
@RegisterForReflection
public record CredentialsRotated(String keyId, int reencrypted, long revision) implements IntegrationEvent {

    public static final String TYPE = "catalog.credentials-rotated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return keyId;
    }

    @Override
    public UUID orgId() {
        return null;
    }
}
