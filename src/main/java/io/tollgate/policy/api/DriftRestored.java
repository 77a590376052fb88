package io.tollgate.policy.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/** A drifted object got Git's values back (recreated when {@code recreated}). */
@RegisterForReflection
public record DriftRestored(UUID runId, String kind, String namespace, String name, List<String> fields,
        boolean recreated, String commit) implements IntegrationEvent {

    public static final String TYPE = "policy.drift-restored.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return new ObjectRef(kind, namespace, name).toString();
    }

    @Override
    public UUID orgId() {
        return null;
    }
}
