package io.tollgate.policy.internal.messaging;

import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.roles.Roles;
import io.tollgate.policy.internal.application.ConfiguredSource;
import io.tollgate.policy.internal.application.GitOpsConfig;
import io.tollgate.policy.internal.application.GitOpsMetrics;
import io.tollgate.policy.internal.application.Reconciler;
import io.tollgate.policy.internal.persistence.SyncRunRepository;
import io.tollgate.policy.internal.source.PolicySource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;

/**
 * Every poll interval, each worker replica tries to reconcile the configured source: the one that takes the lease
 * syncs the runs requested through the API, or a new run once the sync interval has passed; the others skip.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class ReconcileJob {

    private final Pool policy;
    private final Reconciler reconciler;
    private final SyncRunRepository runs;
    private final ConfiguredSource source;
    private final GitOpsConfig config;
    private final String holder = processName() + "/" + UUID.randomUUID();

    public ReconcileJob(@ReactiveDataSource("policy") Pool policy, Reconciler reconciler, SyncRunRepository runs,
            ConfiguredSource source, GitOpsConfig config) {
        this.policy = policy;
        this.reconciler = reconciler;
        this.runs = runs;
        this.source = source;
        this.config = config;
    }

    /**
     * The worker exports the reconciler's metrics from its start (zero until a sync), not from its first sync: the
     * alerts and dashboards find them, and tell "never synced" (timestamp 0) from "not scraped".
     */
    void exportMetrics(@Observes StartupEvent start, GitOpsMetrics metrics) {
        ClientProxy.unwrap(metrics); // creating the bean registers its meters
    }

    @Scheduled(every = "${tollgate.gitops.poll-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (source.get().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        PolicySource configured = source.get().get();
        return runs.lastStarted(policy, configured.id())
                .map(last -> last.isEmpty() || !last.get().plus(config.interval()).isAfter(Instant.now()))
                .flatMap(due -> reconciler.reconcile(configured, holder, due))
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "2m")
    Uni<Void> purgeRuns() {
        return runs.purgeFinished(policy, config.runRetention()).replaceWithVoid();
    }

    private static String processName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "worker" : host;
    }
}
