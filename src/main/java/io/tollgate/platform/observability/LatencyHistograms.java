package io.tollgate.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Publishes the HTTP server latency as a Prometheus histogram with a fixed, small set of buckets, so that
 * dashboards and SLO alerts can compute quantiles across pods ({@code histogram_quantile} over
 * {@code http_server_requests_seconds_bucket}). Fixed buckets keep the series count bounded.
 */
@Singleton
public class LatencyHistograms implements MeterFilter {

    /** Upper bounds of the buckets, from 5 ms to 60 s. */
    static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!"http.server.requests".equals(id.getName())) {
            return config;
        }
        double[] nanos = Stream.of(BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
    }
}
