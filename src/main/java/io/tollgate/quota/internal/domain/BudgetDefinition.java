package io.tollgate.quota.internal.domain;

import java.time.Instant;
import java.util.UUID;

/** An organisation's stored budget; null budget, version 0 when none was ever set. */
public record BudgetDefinition(UUID orgId, Budget budget, int version, Instant updatedAt) {
}
