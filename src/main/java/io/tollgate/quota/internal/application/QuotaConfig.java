package io.tollgate.quota.internal.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Quota settings (prefix {@code tollgate.quota}; docs/quotas.md, ADR 0019). */
@ConfigMapping(prefix = "tollgate.quota")
public interface QuotaConfig {

    /** What the gateway does while Redis is unavailable. */
    enum DegradedMode {
        /** Keep serving, each replica enforcing its share of every rate limit locally; budgets are not enforced. */
        FAIL_OPEN,
        /** Answer 503 to every request. */
        FAIL_CLOSED
    }

    /** How long a quota call waits for Redis before the gateway treats it as unavailable. */
    @WithDefault("50ms")
    Duration redisTimeout();

    /** {@code fail-open} (default) or {@code fail-closed}. */
    @WithDefault("fail-open")
    DegradedMode degradedMode();

    /** Gateway replicas sharing the limits: in degraded mode each enforces limit ÷ this, rounded up. */
    @WithDefault("2")
    int expectedReplicas();

    /** After a failed Redis call, how long the gateway decides locally before it tries Redis again. */
    @WithDefault("1s")
    Duration redisRetryInterval();

    /** How long the gateway remembers definitions read from Redis; changes reach it within this bound. */
    @WithDefault("2s")
    Duration definitionCacheTtl();

    /** Subjects whose definitions a replica remembers at most. */
    @WithDefault("100000")
    long definitionCacheSize();

    /**
     * How long an in-flight slot lives without being released: a replica that dies mid-request frees its slots
     * after this. Longer than the longest request (streams included).
     */
    @WithDefault("15m")
    Duration inFlightLease();

    /** The limits of an organisation that has none of its own, and the values the headers name. */
    Defaults defaults();

    /** The projection of the definitions into Redis. */
    Projection projection();

    interface Defaults {
        /** Requests per minute per organisation without limits of its own. */
        @WithDefault("60000")
        long requestsPerMinute();

        /** Tokens per minute per organisation without limits of its own. */
        @WithDefault("100000000")
        long tokensPerMinute();
    }

    interface Projection {
        /** How often the worker rebuilds the projection (definitions and spend) from the database. */
        @WithDefault("30s")
        Duration rebuildInterval();
    }
}
