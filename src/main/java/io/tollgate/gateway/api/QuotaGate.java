package io.tollgate.gateway.api;

import io.smallrye.mutiny.Uni;

/**
 * Enforcement of rate limits and budgets for the gateway (docs/quotas.md): one Redis round trip per
 * {@link #reserve}, exact across replicas; a local limiter when Redis is unavailable. The gateway owns this port
 * and the quota context implements it, so that dependencies between contexts stay acyclic (gateway usage feeds
 * metering, metering's spend feeds quota, quota serves the gateway).
 */
public interface QuotaGate {

    /**
     * Checks and reserves one request at every level (org, project, key, and their limits for the model) at once:
     * a request, {@code estimatedTokens} (prompt tokens + {@code max_tokens} or a default), an in-flight slot
     * and {@code estimatedCostMicros} (millionths of the budget's currency) against the day's and month's budget.
     * Fails with {@link io.tollgate.platform.error.TollgateException}: 429 {@code rate_limit_exceeded} with
     * {@code retry-after} and the {@code x-ratelimit-*} headers, 429 {@code insufficient_quota} with
     * {@code x-should-retry: false} for a spent budget, or 503 when Redis is unavailable and the gateway fails
     * closed.
     */
    Uni<Admission> reserve(QuotaSubject subject, long estimatedTokens, long estimatedCostMicros);

    /**
     * Ends an admission with what was actually used: refunds or charges the token difference, frees the
     * in-flight slot and turns the reserved cost into the actual cost. Call it when a response completes,
     * including a stream the client cut short (with the tokens generated so far). Never fails.
     */
    Uni<Void> settle(Admission admission, long actualTokens, long actualCostMicros);

    /** Ends an admission that used nothing (the upstream failed before answering): settle with zero usage. Never fails. */
    Uni<Void> release(Admission admission);
}
