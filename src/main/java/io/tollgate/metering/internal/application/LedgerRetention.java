package io.tollgate.metering.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.internal.persistence.LedgerRepository;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes raw ledger rows older than {@code tollgate.metering.retention.raw}, one bounded batch a minute so that
 * no long transaction competes with the consumers; the rollups, and so the usage API's totals, stay (ADR 0020).
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class LedgerRetention {

    private final Pool metering;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public LedgerRetention(@ReactiveDataSource("metering") Pool metering, LedgerRepository ledger, Clock clock,
            @ConfigProperty(name = "tollgate.metering.retention.raw") Duration retention,
            @ConfigProperty(name = "tollgate.metering.retention.batch-size") int batchSize) {
        this.metering = metering;
        this.ledger = ledger;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return ledger.purgeBefore(metering, clock.instant().minus(retention), batchSize).replaceWithVoid();
    }
}
