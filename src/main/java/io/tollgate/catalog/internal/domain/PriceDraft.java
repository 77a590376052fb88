package io.tollgate.catalog.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A validated new price version. */
public record PriceDraft(UUID deploymentId, BigDecimal inputPer1M, BigDecimal outputPer1M, BigDecimal cachedInputPer1M,
        String currency, Instant effectiveFrom) {

    /** Fits {@code numeric(20,10)}. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    static final int MAX_SCALE = 10;
    /** Clock skew tolerated for "from now": a price may not reach further into the past, or it would re-price billed usage. */
    static final Duration BACKDATING_TOLERANCE = Duration.ofMinutes(5);

    /** Validates every field and reports all problems at once; {@code effectiveFrom} defaults to {@code now}. */
    public static PriceDraft of(UUID deploymentId, BigDecimal input, BigDecimal output, BigDecimal cachedInput,
            String currency, Instant effectiveFrom, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        amount(errors, "inputPer1M", input, true);
        amount(errors, "outputPer1M", output, true);
        amount(errors, "cachedInputPer1M", cachedInput, false);
        if (currency == null || !currency.matches("[A-Z]{3}") || !isIsoCurrency(currency)) {
            errors.put("currency", "must be an ISO 4217 code such as USD or EUR");
        }
        Instant from = effectiveFrom == null ? now : effectiveFrom;
        if (from.isBefore(now.minus(BACKDATING_TOLERANCE))) {
            errors.put("effectiveFrom", "must not be in the past: price history is never rewritten");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new PriceDraft(deploymentId, input, output, cachedInput, currency, from);
    }

    private static void amount(Map<String, String> errors, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                errors.put(field, "is required");
            }
        } else if (value.signum() < 0) {
            errors.put(field, "must not be negative");
        } else if (value.compareTo(MAX_AMOUNT) >= 0 || value.stripTrailingZeros().scale() > MAX_SCALE) {
            errors.put(field, "must be below 1000000000 with at most 10 decimal places");
        }
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
