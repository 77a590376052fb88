package io.tollgate.policy.internal.messaging;

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

/** Publishes the policy outbox (sync and drift events for the audit trail); runs where syncs run, in the worker. */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class PolicyOutboxRelay {

    private final Pool policy;
    private final OutboxRelay relay;
    private final int batchSize;
    private final Duration retention;

    public PolicyOutboxRelay(@ReactiveDataSource("policy") Pool policy, OutboxRelay relay,
            @ConfigProperty(name = "tollgate.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "tollgate.outbox.retention") Duration retention) {
        this.policy = policy;
        this.relay = relay;
        this.batchSize = batchSize;
        this.retention = retention;
    }

    @Scheduled(every = "${tollgate.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publish() {
        return relay.publishPending(policy, "policy", batchSize).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purge() {
        return relay.purgePublished(policy, retention).replaceWithVoid();
    }
}
