package io.tollgate.gateway.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's settings (prefix {@code tollgate.gateway}). */
@ConfigMapping(prefix = "tollgate.gateway")
public interface GatewayConfig {

    /**
     * How long a key lookup is used before it is refreshed in the background (an entry unused for twice this long
     * is dropped). About twice this bounds how long a revoked key keeps working on one replica (plus the index's
     * own propagation), so keep it a few seconds.
     */
    @WithDefault("2s")
    Duration keyCacheTtl();

    /** Keys remembered at most, per replica. */
    @WithDefault("100000")
    long keyCacheSize();

    /** How often a replica reports which keys it saw (for {@code last_used_at}); also read by the scheduler. */
    Duration keyUsageReportInterval();

    /**
     * How long the index's last answer about a key may stand in when the index does not answer: a revoked key keeps
     * working this long at most during a Redis outage; a key never looked up in this time gets 503.
     */
    @WithDefault("30s")
    Duration keyStaleLimit();

    /** How long to wait for the key index before using its last answer (or answering 503). */
    @WithDefault("250ms")
    Duration keyLookupTimeout();

    /**
     * Output tokens a quota reservation assumes when a request sets no {@code max_tokens}; the real count
     * replaces it when the request ends.
     */
    @WithDefault("1024")
    int quotaOutputEstimate();

    Upstream upstream();

    Streaming streaming();

    Resilience resilience();

    Usage usage();

    Simulator simulator();

    /** Connections to providers. */
    interface Upstream {

        /** Pooled HTTP/1.1 connections per provider host and port and per event loop (HTTP/2 uses 1 per 100). */
        @WithDefault("500")
        int maxConnectionsPerHost();

        /** How long an idle pooled connection is kept. */
        @WithDefault("60s")
        Duration keepAlive();

        /** How long a provider host's vetted DNS answer is reused before it is resolved and checked again. */
        @WithDefault("30s")
        Duration dnsTtl();

        /** Loopback providers (a local Ollama): as the catalog's {@code tollgate.catalog.allow-loopback}. */
        @WithDefault("false")
        boolean allowLoopback();

        /** Private-network providers: as the catalog's {@code tollgate.catalog.allow-private-networks}. */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** The largest non-streamed provider response read into memory; larger ones fail with 502. */
        @WithDefault("16M")
        io.quarkus.runtime.configuration.MemorySize maxResponseSize();
    }

    /** Server-sent events to clients. */
    interface Streaming {

        /** A {@code :} comment is sent when the provider has been silent this long (proxies close idle streams). */
        @WithDefault("10s")
        Duration keepAliveInterval();

        /** The largest single event accepted from a provider. */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxEventSize();
    }

    /** Retries, fallbacks and circuit breaking. */
    interface Resilience {

        /** Consecutive failures after which a deployment's circuit opens. */
        @WithDefault("5")
        int circuitFailureThreshold();

        /** How long an open circuit rejects calls before one probe is let through (half-open). */
        @WithDefault("30s")
        Duration circuitOpenDuration();

        /** The longest backoff between two tries, whatever the model's retry policy says. */
        @WithDefault("5s")
        Duration maxBackoff();
    }

    /** Usage events. */
    interface Usage {

        /** Usage events held while the broker does not confirm them; beyond this the oldest are dropped (and counted). */
        @WithDefault("100000")
        int bufferCapacity();

        /** How often unconfirmed usage events are sent again. */
        @WithDefault("1s")
        Duration retryInterval();
    }

    /**
     * The built-in simulator provider's defaults; a simulator provider's extra headers override them per provider
     * ({@code x-simulator-ttft-ms}, {@code x-simulator-inter-token-ms}, {@code x-simulator-tokens},
     * {@code x-simulator-failure-rate}).
     */
    interface Simulator {

        /** Time to first token. */
        @WithDefault("50ms")
        Duration timeToFirstToken();

        /** Delay between two tokens. */
        @WithDefault("5ms")
        Duration interTokenDelay();

        /** Tokens per answer when the request sets no smaller {@code max_tokens}. */
        @WithDefault("32")
        int tokens();

        /** Share of calls that fail with 503, from 0 to 1. */
        @WithDefault("0")
        double failureRate();
    }
}
