package io.tollgate.policy.internal.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.policy.internal.domain.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciler's metrics: objects found drifted by the last sync, when a sync last completed, failed syncs by
 * outcome ({@code invalid} documents or {@code failed} fetch/observe/apply).
 */
@ApplicationScoped
public class GitOpsMetrics {

    private final AtomicLong drifted = new AtomicLong();
    private final AtomicLong lastSync = new AtomicLong();
    private final Counter invalid;
    private final Counter failed;

    public GitOpsMetrics(MeterRegistry registry) {
        Gauge.builder("tollgate_gitops_drifted_objects", drifted, AtomicLong::get)
                .description("Git-managed objects the last sync found changed outside Git").register(registry);
        Gauge.builder("tollgate_gitops_last_sync_timestamp_seconds", lastSync, AtomicLong::get)
                .description("When a sync last completed (applied or unchanged), in Unix seconds").register(registry);
        invalid = errors(registry, Outcome.INVALID);
        failed = errors(registry, Outcome.FAILED);
    }

    void synced(Instant at, int driftedObjects) {
        lastSync.set(at.getEpochSecond());
        drifted.set(driftedObjects);
    }

    void failed(Outcome outcome) {
        (outcome == Outcome.INVALID ? invalid : failed).increment();
    }

    private static Counter errors(MeterRegistry registry, Outcome outcome) {
        return Counter.builder("tollgate_gitops_sync_errors").tag("outcome", outcome.apiName())
                .description("Syncs that applied nothing (invalid) or stopped (failed)").register(registry);
    }
}
