package io.tollgate.catalog.internal.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a price: per million tokens of input, output and cached input (null: charged as input), in
 * {@code currency} (ISO 4217), for the model ({@code deploymentId} null) or one deployment, from
 * {@code effectiveFrom} until the next version of the same scope. Versions are never changed or deleted.
 */
public record Price(UUID id, UUID modelId, UUID deploymentId, BigDecimal inputPer1M, BigDecimal outputPer1M,
        BigDecimal cachedInputPer1M, String currency, Instant effectiveFrom, Instant createdAt) {
}
