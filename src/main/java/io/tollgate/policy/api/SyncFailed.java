package io.tollgate.policy.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/**
 * A sync did not complete: the documents at {@code commit} were invalid ({@code outcome} {@code invalid}, nothing
 * applied) or fetching, observing or applying failed ({@code failed}). {@code errors} as {@code file:line: reason}.
 */
@RegisterForReflection
public record SyncFailed(UUID runId, String source, String commit, String outcome, List<String> errors)
        implements IntegrationEvent {

    public static final String TYPE = "policy.sync-failed.v1";

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
