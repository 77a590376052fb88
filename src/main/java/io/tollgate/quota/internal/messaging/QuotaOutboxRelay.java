package io.tollgate.quota.internal.messaging;

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

/** Publishes the quota outbox; runs where definitions are written, in the management role. */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class QuotaOutboxRelay {

    private final Pool quota;
    private final OutboxRelay relay;
    private final int batchSize;
    private final Duration retention;

    public QuotaOutboxRelay(@ReactiveDataSource("quota") Pool quota, OutboxRelay relay,
            @ConfigProperty(name = "tollgate.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "tollgate.outbox.retention") Duration retention) {
        this.quota = quota;
        this.relay = relay;
        this.batchSize = batchSize;
        this.retention = retention;
    }

    @Scheduled(every = "${tollgate.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publish() {
        return relay.publishPending(quota, "quota", batchSize).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purge() {
        return relay.purgePublished(quota, retention).replaceWithVoid();
    }
}
