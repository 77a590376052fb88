package io.tollgate.gateway.internal.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's key authentication (prefix {@code tollgate.gateway}). */
@ConfigMapping(prefix = "tollgate.gateway")
public interface GatewayConfig {

    /**
     * How long a key lookup is remembered in process. Bounds how long a revoked key keeps working on one replica
     * (plus the index's own propagation), so keep it a few seconds.
     */
    @WithDefault("2s")
    Duration keyCacheTtl();

    /** Keys remembered at most, per replica. */
    @WithDefault("100000")
    long keyCacheSize();

    /** How often a replica reports which keys it saw (for {@code last_used_at}); also read by the scheduler. */
    Duration keyUsageReportInterval();

    /** How long to wait for the key index before answering 503. */
    @WithDefault("250ms")
    Duration keyLookupTimeout();
}
