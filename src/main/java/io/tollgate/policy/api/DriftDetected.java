package io.tollgate.policy.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/**
 * A Git-managed object was changed outside Git: {@code fields} are the JSON pointers that differ ({@code deleted}
 * when the object is gone). {@code restoring} says whether the same sync puts Git's values back.
 */
@RegisterForReflection
public record DriftDetected(UUID runId, String kind, String namespace, String name, List<String> fields,
        boolean deleted, String commit, boolean restoring) implements IntegrationEvent {

    public static final String TYPE = "policy.drift-detected.v1";

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
