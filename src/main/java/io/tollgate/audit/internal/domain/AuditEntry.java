package io.tollgate.audit.internal.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded event: which event ({@code eventId}, {@code eventType}), from which context ({@code source}),
 * about what ({@code subject}, {@code orgId}), when it happened, who caused it from where ({@code actor},
 * {@code requestId}, {@code sourceIp}), and its data as published.
 */
public record AuditEntry(UUID id, String eventId, String eventType, String source, String subject, UUID orgId,
        Instant occurredAt, String actor, String requestId, String sourceIp, String data) {
}
