package io.tollgate.audit.internal.domain;

import io.tollgate.platform.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The link rule of the audit chain (ADR 0021): {@code hash = SHA-256 hex(previous hash || canonical content)},
 * the previous hash of a chain's first entry being {@link #GENESIS}. The database computes the same rule when it
 * appends (migration V3, {@code audit_link_hash}); this independent copy is what verification trusts.
 */
public final class AuditChain {

    /** The chain of events that concern no organisation. */
    public static final String PLATFORM = "platform";

    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    public static String chainOf(UUID orgId) {
        return orgId == null ? PLATFORM : orgId.toString();
    }

    public static String linkHash(String previousHash, RecordedEntry e) {
        return Hashes.sha256Hex(previousHash + canonical(e));
    }

    /** Every stored column but the hash, in a fixed order, each a netstring of its UTF-8 bytes; null is {@code ~,}. */
    static String canonical(RecordedEntry e) {
        StringBuilder out = new StringBuilder(256 + (e.data() == null ? 0 : e.data().length()));
        for (String field : new String[] { e.chain(), Long.toString(e.seq()), text(e.id()), e.eventId(),
                e.eventType(), e.source(), e.subject(), text(e.orgId()), time(e.occurredAt()), time(e.recordedAt()),
                e.actor(), e.requestId(), e.sourceIp(), e.data() }) {
            if (field == null) {
                out.append("~,");
            } else {
                out.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(',');
            }
        }
        return out.toString();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
