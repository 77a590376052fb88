package io.tollgate.policy.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.application.GitOpsService;
import io.tollgate.policy.internal.domain.Change;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.Drift;
import io.tollgate.policy.internal.domain.FieldChange;
import io.tollgate.policy.internal.domain.Managed;
import io.tollgate.policy.internal.domain.Plan;
import io.tollgate.policy.internal.domain.SyncRun;
import io.tollgate.policy.internal.persistence.DriftRepository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The JSON shapes of {@code /admin/v1/gitops} (openapi/management.yaml). */
final class GitOpsViews {

    private GitOpsViews() {
    }

    record StatusView(boolean enabled, String source, String driftMode, String lastCommit, Instant lastSyncAt,
            String lastOutcome, List<DocumentError> errors, List<RunView> runs, List<ManagedView> objects) {

        static StatusView of(GitOpsService.Status status) {
            if (status.source().isEmpty()) {
                return new StatusView(false, null, mode(status), null, null, null, List.of(), List.of(), List.of());
            }
            SyncRun last = status.runs().stream().filter(r -> r.finishedAt() != null).findFirst().orElse(null);
            return new StatusView(true, status.source().get().id(), mode(status), last == null ? null : last.commit(),
                    last == null ? null : last.finishedAt(), last == null ? null : last.outcome().apiName(),
                    last == null ? List.of() : last.errors(), status.runs().stream().map(RunView::of).toList(),
                    status.objects().stream().map(ManagedView::of).toList());
        }

        private static String mode(GitOpsService.Status status) {
            return status.config().driftMode().name().toLowerCase(Locale.ROOT);
        }
    }

    record RunView(UUID id, String trigger, String requestedBy, Instant requestedAt, Instant startedAt,
            Instant finishedAt, String commit, String outcome, int created, int updated, int deleted, int drifted,
            List<DocumentError> errors) {

        static RunView of(SyncRun run) {
            return new RunView(run.id(), run.trigger(), run.requestedBy(), run.requestedAt(), run.startedAt(),
                    run.finishedAt(), run.commit(), run.outcome().apiName(), run.counts().created(),
                    run.counts().updated(), run.counts().deleted(), run.counts().drifted(), run.errors());
        }
    }

    record ManagedView(String kind, String namespace, String name, String managedBy, String sourceCommit,
            Instant appliedAt) {

        static ManagedView of(Managed managed) {
            ObjectRef ref = managed.ref();
            return new ManagedView(ref.kind(), ref.namespace(), ref.name(), Managed.MANAGED_BY, managed.sourceCommit(),
                    managed.appliedAt());
        }
    }

    record FieldView(String path, JsonNode from, JsonNode to) {

        static List<FieldView> of(List<FieldChange> fields) {
            return fields.stream().map(f -> new FieldView(f.path(), f.from(), f.to())).toList();
        }
    }

    record DriftView(String kind, String namespace, String name, String managedBy, String sourceCommit,
            Instant detectedAt, boolean deleted, List<FieldView> fields) {

        static DriftView of(DriftRepository.Recorded recorded) {
            ObjectRef ref = recorded.drift().ref();
            return new DriftView(ref.kind(), ref.namespace(), ref.name(), Managed.MANAGED_BY, recorded.sourceCommit(),
                    recorded.detectedAt(), recorded.drift().deleted(), FieldView.of(recorded.drift().fields()));
        }
    }

    record DriftListView(List<DriftView> objects) {
    }

    record ChangeView(String action, String kind, String namespace, String name, boolean restoresDrift,
            List<FieldView> fields) {

        static ChangeView of(Change change) {
            ObjectRef ref = change.ref();
            return new ChangeView(change.action().name().toLowerCase(Locale.ROOT), ref.kind(), ref.namespace(),
                    ref.name(), change.restoresDrift(), FieldView.of(change.fields()));
        }
    }

    record PlannedDriftView(String kind, String namespace, String name, boolean deleted, List<FieldView> fields) {

        static PlannedDriftView of(Drift drift) {
            ObjectRef ref = drift.ref();
            return new PlannedDriftView(ref.kind(), ref.namespace(), ref.name(), drift.deleted(),
                    FieldView.of(drift.fields()));
        }
    }

    record PlanView(List<ChangeView> changes, int unchanged, List<PlannedDriftView> drift) {

        static PlanView of(Plan plan) {
            return new PlanView(plan.changes().stream().map(ChangeView::of).toList(), plan.unchanged().size(),
                    plan.drift().stream().map(PlannedDriftView::of).toList());
        }
    }

    record SyncRequested(UUID runId, String outcome) {
    }

    /** A webhook delivery that requests no sync (a ping, another event, another branch), and why. */
    record WebhookIgnored(String outcome, String reason) {

        static WebhookIgnored because(String reason) {
            return new WebhookIgnored("ignored", reason);
        }
    }
}
