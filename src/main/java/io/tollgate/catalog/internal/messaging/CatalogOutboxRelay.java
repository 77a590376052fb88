package io.tollgate.catalog.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.outbox.OutboxRelay;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes the catalog's outbox; runs where the catalog is written, in the management role. */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class CatalogOutboxRelay {

    private final Pool catalog;
    private final OutboxRelay relay;
    private final int batchSize;
    private final Duration retention;

    public CatalogOutboxRelay(@ReactiveDataSource("catalog") Pool catalog, OutboxRelay relay,
            @ConfigProperty(name = "tollgate.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "tollgate.outbox.retention") Duration retention) {
        this.catalog = catalog;
        this.relay = relay;
        this.batchSize = batchSize;
        this.retention = retention;
    }

    @Scheduled(every = "${tollgate.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publish() {
        return relay.publishPending(catalog, "catalog", batchSize).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purge() {
        return relay.purgePublished(catalog, retention).replaceWithVoid();
    }
}
