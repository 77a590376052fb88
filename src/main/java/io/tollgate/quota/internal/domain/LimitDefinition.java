package io.tollgate.quota.internal.domain;

import java.time.Instant;
import java.util.UUID;

/** The stored limits of one level; version 0 and no timestamp when none were ever set. */
public record LimitDefinition(UUID orgId, LimitLevel level, UUID subjectId, Limits limits, int version,
        Instant updatedAt) {
}
