package io.tollgate.gateway.internal.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.gateway.api.UsageRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The gateway's metrics, with the names and labels the dashboards and alerts use (docs/observability.md).
 * Meters are looked up once per label set and kept, so recording costs a map lookup, not a registration.
 * Label values are bounded: organisations, catalog models and deployments, providers, status codes, kinds.
 */
@ApplicationScoped
public class GatewayMetrics {

    /** Time-to-first-byte buckets, 2.5 s among them (the SLO alert's threshold). */
    private static final double[] TTFB_BUCKETS_NANOS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000, 60_000).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();
    private static final double[] PER_TOKEN_BUCKETS_NANOS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();
    /** OpenTelemetry's GenAI semantic conventions' advice for token counts. */
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576 };

    private final MeterRegistry registry;
    private final Map<Object, Object> meters = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Labels of one finished request. */
    record Labels(String org, String model, String deployment, String provider, String status) {
    }

    void finished(Labels labels, Long ttfbNanos, UsageRecorded.Tokens tokens, Long perTokenNanos) {
        meter(new RequestKey(labels.org(), labels.model(), labels.deployment(), labels.status()), key -> Counter
                .builder("tollgate.gateway.requests").description("Finished /v1 requests")
                .tags("org", key.org(), "model", key.model(), "deployment", key.deployment(), "status", key.status())
                .register(registry)).increment();
        if (ttfbNanos != null) {
            meter(labels, key -> Timer.builder("tollgate.gateway.ttfb")
                    .description("Time from request to the first byte of the answer sent to the client")
                    .serviceLevelObjectives(durations(TTFB_BUCKETS_NANOS))
                    .tags("org", key.org(), "model", key.model(), "deployment", key.deployment(), "provider", key.provider(),
                            "status", key.status())
                    .register(registry)).record(Duration.ofNanos(ttfbNanos));
        }
        if (perTokenNanos != null) {
            meter(new PerTokenKey(labels.model(), labels.deployment(), labels.provider()), key -> Timer
                    .builder("tollgate.gateway.time.per.output.token")
                    .description("Time between output tokens after the first, per streamed request")
                    .serviceLevelObjectives(durations(PER_TOKEN_BUCKETS_NANOS))
                    .tags("model", key.model(), "deployment", key.deployment(), "provider", key.provider())
                    .register(registry)).record(Duration.ofNanos(perTokenNanos));
        }
        if (tokens != null) {
            tokens(labels, "input", tokens.prompt());
            tokens(labels, "output", tokens.completion());
        }
    }

    void upstreamError(String deployment, String provider, String kind) {
        meter(new ErrorKey(deployment, provider, kind), key -> Counter.builder("tollgate.gateway.upstream.errors")
                .description("Provider calls that failed, by kind").tags("deployment", key.deployment(), "provider",
                        key.provider(), "kind", key.kind())
                .register(registry)).increment();
    }

    void fallback(String model, String from, String to) {
        meter(new FallbackKey(model, from, to), key -> Counter.builder("tollgate.gateway.fallbacks")
                .description("Requests moved from one deployment to another before the first byte")
                .tags("model", key.model(), "from_deployment", key.from(), "to_deployment", key.to())
                .register(registry)).increment();
    }

    private void tokens(Labels labels, String type, long count) {
        meter(new TokenKey(type, labels.model(), labels.org()), key -> DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per request (OpenTelemetry GenAI semantic conventions)")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .tags("gen_ai_token_type", key.type(), "gen_ai_request_model", key.model(), "org", key.org())
                .register(registry)).record(count);
    }

    @SuppressWarnings("unchecked")
    private <K, M> M meter(K key, Function<K, M> create) {
        return (M) meters.computeIfAbsent(key, k -> create.apply((K) k));
    }

    private static Duration[] durations(double[] nanos) {
        Duration[] durations = new Duration[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            durations[i] = Duration.ofNanos((long) nanos[i]);
        }
        return durations;
    }

    private record RequestKey(String org, String model, String deployment, String status) {
    }

    private record PerTokenKey(String model, String deployment, String provider) {
    }

    private record ErrorKey(String deployment, String provider, String kind) {
    }

    private record FallbackKey(String model, String from, String to) {
    }

    private record TokenKey(String type, String model, String org) {
    }
}
