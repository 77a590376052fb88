package io.tollgate.policy.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** A sync applied changes from Git at {@code commit}. For the audit trail (the platform chain). */
@RegisterForReflection
public record SyncApplied(UUID runId, String source, String commit, int created, int updated, int deleted)
        implements IntegrationEvent {

    public static final String TYPE = "policy.sync-applied.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return runId.toString();
    }

    @Override
    public UUID orgId() {
        return null;
    }
}
