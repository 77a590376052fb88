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
     * and {@code estimatedCost} against the day's and month's budget (an unpriced request holds nothing).
     * Fails with {@link io.tollgate.platform.error.TollgateException}: 429 {@code rate_limit_exceeded} with
     * {@code retry-after} and the {@code x-ratelimit-*} headers, 429 {@code insufficient_quota} with
     * {@code x-should-retry: false} for a spent budget, 403 {@code budget_currency_mismatch} when the cost is in
     * another currency than the organisation's budget (it cannot be held against it), or 503 when Redis is
     * unavailable and the gateway fails closed.
     */
    Uni<Admission> reserve(QuotaSubject subject, long estimatedTokens, Cost estimatedCost);

    /**
     * Ends an admission with what was actually used: refunds or charges the token difference, frees the
     * in-flight slot and turns the reserved cost into the actual cost (a fallback to a deployment priced in
     * another currency is charged the reserved cost). Call it when a response completes, including a stream the
     * client cut short (with the tokens generated so far). Never fails.
     */
    Uni<Void> settle(Admission admission, long actualTokens, Cost actualCost);

    /** Ends an admission that used nothing (the upstream failed before answering): settle with zero usage. Never fails. */
    Uni<Void> release(Admission admission);
}
