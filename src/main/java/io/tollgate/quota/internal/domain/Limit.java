package io.tollgate.quota.internal.domain;

import java.util.Map;

/** Requests per minute, tokens (input + output) per minute and requests in flight; null is unlimited. */
public record Limit(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent) {

    /** Bounds that keep the counters' arithmetic exact (GCRA intervals in doubles) and typos visible. */
    public static final long MAX_REQUESTS_PER_MINUTE = 1_000_000;
    public static final long MAX_TOKENS_PER_MINUTE = 1_000_000_000;
    public static final long MAX_CONCURRENT = 100_000;

    public static final Limit UNLIMITED = new Limit(null, null, null);

    void validate(String prefix, Map<String, String> errors) {
        check(prefix + "requestsPerMinute", requestsPerMinute, MAX_REQUESTS_PER_MINUTE, errors);
        check(prefix + "tokensPerMinute", tokensPerMinute, MAX_TOKENS_PER_MINUTE, errors);
        check(prefix + "maxConcurrent", maxConcurrent, MAX_CONCURRENT, errors);
    }

    private static void check(String field, Long value, long max, Map<String, String> errors) {
        if (value != null && (value < 0 || value > max)) {
            errors.put(field, "must be an integer from 0 to " + max + ", or null for unlimited");
        }
    }
}
