package io.tollgate.quota.internal.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's rate-limit headers: limit, remaining and reset (a Go-style duration such as {@code 1s}, {@code 6m0s},
 * {@code 20ms}) of requests and of tokens, for the most constraining limit of each.
 */
public final class RateLimitHeaders {

    public static final String RETRY_AFTER = "retry-after";
    public static final String SHOULD_RETRY = "x-should-retry";
    /** OpenAI's clients honour {@code retry-after} up to a minute; a longer wait is better retried later anyway. */
    public static final long MAX_RETRY_AFTER_SECONDS = 60;

    private RateLimitHeaders() {
    }

    /** One limit's state: its value, what is left of it and when it is whole again. */
    public record State(long limit, long remaining, long resetMillis) {
    }

    public static Map<String, String> of(State requests, State tokens) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "requests", requests);
        put(headers, "tokens", tokens);
        return headers;
    }

    private static void put(Map<String, String> headers, String what, State state) {
        headers.put("x-ratelimit-limit-" + what, Long.toString(state.limit()));
        headers.put("x-ratelimit-remaining-" + what, Long.toString(Math.max(0, state.remaining())));
        headers.put("x-ratelimit-reset-" + what, duration(state.resetMillis()));
    }

    /** Whole seconds to wait, at least 1 and at most {@link #MAX_RETRY_AFTER_SECONDS}. */
    public static long retryAfterSeconds(long waitMillis) {
        return Math.clamp(Math.ceilDiv(Math.max(waitMillis, 1), 1000), 1, MAX_RETRY_AFTER_SECONDS);
    }

    /** A Go-style duration as OpenAI sends it: {@code 0s}, {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    public static String duration(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        String seconds = java.math.BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }
}
