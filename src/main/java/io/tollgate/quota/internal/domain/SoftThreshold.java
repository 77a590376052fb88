package io.tollgate.quota.internal.domain;

import java.math.BigDecimal;

/** Whether a period's spend went from below a budget's soft threshold to at or above it. */
public final class SoftThreshold {

    private SoftThreshold() {
    }

    public static boolean crossed(BigDecimal limit, int percent, BigDecimal before, BigDecimal after) {
        if (limit == null) {
            return false;
        }
        BigDecimal threshold = limit.multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
        return before.compareTo(threshold) < 0 && after.compareTo(threshold) >= 0;
    }
}
