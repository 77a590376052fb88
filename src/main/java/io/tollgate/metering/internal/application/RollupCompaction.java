package io.tollgate.metering.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.internal.persistence.RollupRepository;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Folds the write shards of closed rollup buckets into one row (ADR 0020): hours that ended more than an hour
 * ago and days that ended more than a day ago, so that late events have mostly arrived.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class RollupCompaction {

    private final Pool metering;
    private final RollupRepository rollups;
    private final Clock clock;

    public RollupCompaction(@ReactiveDataSource("metering") Pool metering, RollupRepository rollups, Clock clock) {
        this.metering = metering;
        this.rollups = rollups;
        this.clock = clock;
    }

    @Scheduled(every = "${tollgate.metering.compaction-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> compact() {
        Instant now = clock.instant();
        return rollups.compact(metering, now.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS),
                now.truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS));
    }
}
