package io.tollgate.quota.internal.enforcement;

import io.tollgate.quota.internal.application.QuotaConfig;
import io.tollgate.quota.internal.domain.Limit;
import java.time.Duration;

/** What a {@link RedisQuotaGate} needs of the configuration, as a value (tests build their own). */
public record GateSettings(Duration redisTimeout, boolean failOpen, int expectedReplicas, Duration redisRetryInterval,
        Duration definitionCacheTtl, long definitionCacheSize, Duration inFlightLease, Limit platformDefault) {

    public static GateSettings of(QuotaConfig config) {
        return new GateSettings(config.redisTimeout(), config.degradedMode() == QuotaConfig.DegradedMode.FAIL_OPEN,
                Math.max(1, config.expectedReplicas()), config.redisRetryInterval(), config.definitionCacheTtl(),
                config.definitionCacheSize(), config.inFlightLease(),
                new Limit(config.defaults().requestsPerMinute(), config.defaults().tokensPerMinute(), null));
    }
}
