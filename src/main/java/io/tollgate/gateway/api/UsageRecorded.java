package io.tollgate.gateway.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One finished {@code /v1} request (success, error or client cancel), as metering needs it. {@code usageId} is
 * unique per request and is the CloudEvent id (the ledger's idempotency key); {@code requestId} is the
 * {@code x-request-id} the caller saw, which a client may reuse. {@code deploymentId}, {@code providerId},
 * {@code provider} and {@code upstreamModel} are null when no deployment was called (e.g. a bad request that
 * passed authentication); {@code ttfbMs} is null when no byte came back.
 */
@RegisterForReflection
public record UsageRecorded(UUID usageId, String requestId, UUID orgId, UUID projectId, UUID keyId, String model,
        String endpoint, boolean stream, UUID deploymentId, UUID providerId, String provider, String upstreamModel,
        Tokens tokens, boolean estimated, Outcome outcome, int httpStatus, String errorCode, Long ttfbMs,
        long durationMs, Instant startedAt, Instant finishedAt) implements IntegrationEvent {

    public static final String TYPE = "gateway.usage-recorded.v1";

    /** Tokens by type, as the provider reported them (or as counted when {@code estimated}). */
    @RegisterForReflection
    public record Tokens(long prompt, long completion, long cachedPrompt, long cacheWrite, long reasoning) {

        public static final Tokens NONE = new Tokens(0, 0, 0, 0, 0);

        public long total() {
            return prompt + completion;
        }
    }

    /** How the request ended. */
    public enum Outcome {
        /** The upstream answered in full. */
        OK,
        /** Tollgate or the upstream answered with an error (before or after the first byte). */
        ERROR,
        /** The client went away before the end. */
        CANCELLED
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return requestId;
    }
}
