package io.tollgate.audit.internal.domain;

import java.time.Instant;

/**
 * What an audit query selects within one organisation's chain: exact {@code actor}, {@code action} (event type)
 * and {@code target} (subject), and when it happened, {@code from} inclusive to {@code to} exclusive. Null
 * selects everything.
 */
public record AuditFilter(String actor, String action, String target, Instant from, Instant to) {
}
