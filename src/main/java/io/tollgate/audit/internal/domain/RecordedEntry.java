package io.tollgate.audit.internal.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry as stored: the recorded event ({@link AuditEntry}'s fields), when it was recorded, and its link in the
 * chain: the {@code chain} (the org id, or {@link AuditChain#PLATFORM}), its position {@code seq} from 1, and
 * its {@code hash}. {@code data} is the JSON as PostgreSQL prints the stored {@code jsonb}.
 */
public record RecordedEntry(UUID id, String chain, long seq, String eventId, String eventType, String source,
        String subject, UUID orgId, Instant occurredAt, Instant recordedAt, String actor, String requestId,
        String sourceIp, String data, String hash) {
}
