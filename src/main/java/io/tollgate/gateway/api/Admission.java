package io.tollgate.gateway.api;

import java.util.Map;

/**
 * An admitted request's reservation. Opaque: hand it back to {@link QuotaGate#settle} or {@link QuotaGate#release}
 * exactly once when the request ends.
 */
public interface Admission {

    /**
     * The {@code x-ratelimit-*} headers every {@code /v1} response carries: limit, remaining and reset of requests
     * and of tokens, for the most constraining limit (or the platform default when none applies).
     */
    Map<String, String> headers();

    /** Whether Redis was unavailable and a local limiter admitted the request (docs/quotas.md, degraded modes). */
    boolean degraded();

    /** Whether this request brought a budget past its soft threshold. */
    boolean nearBudget();
}
