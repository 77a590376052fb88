package io.tollgate.quota.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Money an organisation may spend per UTC day and month (null: no limit), in one ISO 4217 currency. */
public record Budget(BigDecimal daily, BigDecimal monthly, String currency, int softThresholdPercent) {

    /** Amounts stay below 10⁹ with six decimals, so that their micros are exact in the Redis script's doubles. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    public static final int DEFAULT_SOFT_THRESHOLD_PERCENT = 80;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,10}(\\.\\d{1,6})?");

    /** Parses and validates what a caller sent; 400 naming every bad field. */
    public static Budget parse(String daily, String monthly, String currency, Integer softThresholdPercent) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal day = amount("daily", daily, errors);
        BigDecimal month = amount("monthly", monthly, errors);
        if (currency == null || !currency.matches("[A-Z]{3}") || !known(currency)) {
            errors.put("currency", "must be an ISO 4217 currency code such as USD or EUR");
        }
        int percent = softThresholdPercent == null ? DEFAULT_SOFT_THRESHOLD_PERCENT : softThresholdPercent;
        if (percent < 1 || percent > 100) {
            errors.put("softThresholdPercent", "must be an integer from 1 to 100");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new Budget(day, month, currency, percent);
    }

    /** An amount in millionths of the currency, as the Redis counters keep it; null for no limit. */
    public static Long micros(BigDecimal amount) {
        return amount == null ? null : amount.movePointRight(6).longValueExact();
    }

    private static BigDecimal amount(String field, String text, Map<String, String> errors) {
        if (text == null) {
            return null;
        }
        if (!AMOUNT.matcher(text).matches() || new BigDecimal(text).compareTo(MAX_AMOUNT) >= 0) {
            errors.put(field, "must be a decimal string from 0 to below 1000000000 with at most 6 decimals, e.g. \"25.50\"");
            return null;
        }
        return new BigDecimal(text);
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
