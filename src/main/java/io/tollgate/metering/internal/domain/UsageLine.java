package io.tollgate.metering.internal.domain;

import java.math.BigDecimal;

/** Usage summed over the rollups: one group (null when ungrouped) in one currency (null: the unpriced requests). */
public record UsageLine(String group, String currency, long requests, long promptTokens, long completionTokens,
        long cachedTokens, long unpricedRequests, BigDecimal cost) {
}
