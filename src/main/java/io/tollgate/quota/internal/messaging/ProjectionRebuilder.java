package io.tollgate.quota.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.roles.Roles;
import io.tollgate.quota.internal.application.DefinitionProjection;
import io.tollgate.quota.internal.persistence.QuotaRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Rebuilds the quota projection in Redis from the database (worker role), at start and every
 * {@code tollgate.quota.projection.rebuild-interval}: it repairs a projection write that failed after a commit,
 * and re-seeds definitions and authoritative spend after Redis lost them (restart, eviction) — ADR 0019.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class ProjectionRebuilder {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuilder.class);

    private final Pool quota;
    private final QuotaRepository repository;
    private final DefinitionProjection projection;
    private final Clock clock;

    public ProjectionRebuilder(@ReactiveDataSource("quota") Pool quota, QuotaRepository repository,
            DefinitionProjection projection, Clock clock) {
        this.quota = quota;
        this.repository = repository;
        this.projection = projection;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent start) {
        rebuild().subscribe().with(v -> LOG.info("Quota projection rebuilt"),
                e -> LOG.warnf(e, "Quota projection rebuild failed; the next scheduled one retries"));
    }

    @Scheduled(every = "${tollgate.quota.projection.rebuild-interval}", delayed = "${tollgate.quota.projection.rebuild-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rebuild() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Uni.combine().all().unis(repository.allLimits(quota), repository.allBudgets(quota), repository.allSpend(quota))
                .asTuple().flatMap(t -> projection.rebuild(t.getItem1(), t.getItem2(), t.getItem3(), today));
    }
}
