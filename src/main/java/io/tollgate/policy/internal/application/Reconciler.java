package io.tollgate.policy.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.platform.events.IntegrationEvent;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.DriftDetected;
import io.tollgate.policy.api.DriftRestored;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.SyncApplied;
import io.tollgate.policy.api.SyncFailed;
import io.tollgate.policy.internal.documents.DocumentReader.Reading;
import io.tollgate.policy.internal.domain.Action;
import io.tollgate.policy.internal.domain.Change;
import io.tollgate.policy.internal.domain.Declared;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.Drift;
import io.tollgate.policy.internal.domain.DriftMode;
import io.tollgate.policy.internal.domain.FieldChange;
import io.tollgate.policy.internal.domain.Location;
import io.tollgate.policy.internal.domain.Managed;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.domain.Plan;
import io.tollgate.policy.internal.domain.SyncRun;
import io.tollgate.policy.internal.persistence.DriftRepository;
import io.tollgate.policy.internal.persistence.InventoryRepository;
import io.tollgate.policy.internal.persistence.LeaseRepository;
import io.tollgate.policy.internal.persistence.SyncRunRepository;
import io.tollgate.policy.internal.source.PolicySource;
import io.tollgate.policy.internal.source.Snapshot;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Brings the platform to what a policy source declares: under the lease (one reconciler at a time across replicas),
 * fetch, read and validate every document (any error: nothing applied), plan against the platform and the inventory,
 * then apply the steps one by one through the kinds, recording each in the inventory. Drift is audited, restored or
 * only reported, and kept in the {@code drift} table while it lasts.
 */
@ApplicationScoped
public class Reconciler {

    static final String LEASE = "gitops-reconciler";
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** How a reconcile ended: the runs it completed (none when skipped or idle), its plan and errors. */
    public record Result(Outcome outcome, List<UUID> runIds, String commit, Plan plan, List<DocumentError> errors) {

        static Result nothing(Outcome outcome) {
            return new Result(outcome, List.of(), null, null, List.of());
        }
    }

    private final Pool policy;
    private final LeaseRepository leases;
    private final SyncRunRepository runs;
    private final InventoryRepository inventory;
    private final DriftRepository drift;
    private final Outbox outbox;
    private final Planning planning;
    private final PolicyKinds kinds;
    private final GitOpsConfig config;
    private final GitOpsMetrics metrics;

    public Reconciler(@ReactiveDataSource("policy") Pool policy, LeaseRepository leases, SyncRunRepository runs,
            InventoryRepository inventory, DriftRepository drift, Outbox outbox, Planning planning, PolicyKinds kinds,
            GitOpsConfig config, GitOpsMetrics metrics) {
        this.policy = policy;
        this.leases = leases;
        this.runs = runs;
        this.inventory = inventory;
        this.drift = drift;
        this.outbox = outbox;
        this.planning = planning;
        this.kinds = kinds;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Syncs {@code source} as {@code holder} if the lease is free: the runs requested through the API, or a new run
     * when {@code due} (the interval has passed). {@code SKIPPED} when another holder has the lease, {@code IDLE}
     * when there was nothing to do.
     */
    public Uni<Result> reconcile(PolicySource source, String holder, boolean due) {
        return leases.acquire(policy, LEASE, holder, config.leaseDuration()).flatMap(held -> {
            if (!held) {
                return Uni.createFrom().item(Result.nothing(Outcome.SKIPPED));
            }
            return claim(source, due)
                    .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(Result.nothing(Outcome.IDLE))
                            : new Sync(source, holder, ids).run())
                    .eventually(() -> leases.release(policy, LEASE, holder));
        });
    }

    private Uni<List<UUID>> claim(PolicySource source, boolean due) {
        return runs.takeRequested(policy, source.id()).flatMap(requested -> !requested.isEmpty() || !due
                ? Uni.createFrom().item(requested)
                : runs.insert(policy, source.id(), SyncRun.TRIGGER_INTERVAL, "system:gitops", Outcome.RUNNING)
                        .map(List::of));
    }

    /** One sync of one source, for the runs it completes. */
    private final class Sync {

        private final PolicySource source;
        private final String holder;
        private final List<UUID> ids;
        private final Actor actor;
        private final Set<ObjectRef> restored = new HashSet<>();
        private String commit;
        private Plan plan;
        private int created;
        private int updated;
        private int deleted;

        Sync(PolicySource source, String holder, List<UUID> ids) {
            this.source = source;
            this.holder = holder;
            this.ids = ids;
            this.actor = new Actor("system:gitops", "gitops-" + ids.get(0), null);
        }

        Uni<Result> run() {
            return Uni.createFrom().item(source::fetch).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(this::planAndApply)
                    .onFailure().recoverWithUni(this::failed);
        }

        private Uni<Result> planAndApply(Snapshot snapshot) {
            commit = snapshot.commit();
            Reading reading = planning.reader().readFiles(snapshot.files());
            if (!reading.valid()) {
                return invalid(reading.errors());
            }
            return inventory.all(policy, source.id())
                    .flatMap(managed -> planning.plan(reading.declared(), managed).flatMap(planned -> {
                        if (!planned.errors().isEmpty()) {
                            return invalid(planned.errors());
                        }
                        plan = planned.plan();
                        return apply(reading.declared(), managed);
                    }));
        }

        private Uni<Result> apply(List<Declared> declared, Map<ObjectRef, Managed> managed) {
            Map<ObjectRef, Declared> byRef = new HashMap<>();
            declared.forEach(d -> byRef.put(d.object().ref(), d));
            Uni<Void> steps = policy.withTransaction(tx -> appendAll(tx, plan.drift().stream()
                    .map(d -> (IntegrationEvent) new DriftDetected(ids.get(0), d.ref().kind(), d.ref().namespace(),
                            d.ref().name(), paths(d.fields()), d.deleted(), commit,
                            planning.driftMode() == DriftMode.RESTORE))
                    .toList()));
            for (Change change : plan.changes()) {
                steps = steps.chain(() -> step(change, byRef.get(change.ref())));
            }
            return steps.chain(() -> recordUnchanged(byRef, managed))
                    .chain(() -> finish(plan.isNoOp() ? Outcome.UNCHANGED : Outcome.APPLIED, List.of()));
        }

        private Uni<Void> step(Change change, Declared declared) {
            PolicyKind kind = kinds.get(change.ref().kind());
            return leases.acquire(policy, LEASE, holder, config.leaseDuration())
                    .invoke(held -> {
                        if (!held) {
                            throw new IllegalStateException("the reconciler lost its lease before applying " + change.ref());
                        }
                    })
                    .chain(() -> switch (change.action()) {
                        case CREATE -> kind.create(new PolicyObject(change.ref(), change.spec()), actor);
                        case UPDATE -> kind.update(new PolicyObject(change.ref(), change.spec()), actor);
                        case DELETE -> kind.delete(change.ref(), actor);
                        case RELEASE -> Uni.createFrom().voidItem();
                    })
                    .onFailure().transform(failure -> new StepFailed(change, declared, failure))
                    .chain(() -> policy.withTransaction(tx -> record(tx, change)))
                    .invoke(() -> count(change));
        }

        private Uni<Void> record(SqlClient tx, Change change) {
            Uni<Void> saved = switch (change.action()) {
                case CREATE, UPDATE -> inventory.save(tx, source.id(),
                        new Managed(change.ref(), commit, change.spec(), Instant.now()));
                case DELETE, RELEASE -> inventory.remove(tx, source.id(), change.ref());
            };
            if (!change.restoresDrift()) {
                return saved;
            }
            return saved.chain(() -> outbox.append(tx, new DriftRestored(ids.get(0), change.ref().kind(),
                    change.ref().namespace(), change.ref().name(), paths(change.fields()),
                    change.action() == Action.CREATE, commit), actor));
        }

        private void count(Change change) {
            if (change.restoresDrift()) {
                restored.add(change.ref());
            }
            switch (change.action()) {
                case CREATE -> created++;
                case UPDATE -> updated++;
                case DELETE -> deleted++;
                case RELEASE -> {
                }
            }
        }

        /** Objects already as declared: adopted into the inventory when new to it, else stamped with the commit. */
        private Uni<Void> recordUnchanged(Map<ObjectRef, Declared> declared, Map<ObjectRef, Managed> managed) {
            return policy.withTransaction(tx -> {
                List<ObjectRef> known = new ArrayList<>();
                Uni<Void> adopted = Uni.createFrom().voidItem();
                for (ObjectRef ref : plan.unchanged()) {
                    if (managed.containsKey(ref)) {
                        known.add(ref);
                    } else {
                        Managed adoption = new Managed(ref, commit, declared.get(ref).object().spec(), Instant.now());
                        adopted = adopted.chain(() -> inventory.save(tx, source.id(), adoption));
                    }
                }
                return adopted.chain(() -> inventory.touch(tx, source.id(), known, commit));
            });
        }

        private Uni<Result> invalid(List<DocumentError> errors) {
            return finish(Outcome.INVALID, errors);
        }

        private Uni<Result> failed(Throwable failure) {
            DocumentError error;
            if (failure instanceof StepFailed step) {
                Location at = step.declared == null ? new Location(null, null) : step.declared.location();
                error = new DocumentError(at.file(), at.line(), step.change.ref().kind(), step.change.ref().name(),
                        step.change.action().name().toLowerCase(Locale.ROOT) + " failed: "
                                + step.getCause().getMessage());
            } else {
                error = new DocumentError(null, null, null, null, String.valueOf(failure.getMessage()));
            }
            LOG.warnf(failure, "GitOps sync of %s failed", source.id());
            return finish(Outcome.FAILED, List.of(error));
        }

        private Uni<Result> finish(Outcome outcome, List<DocumentError> errors) {
            List<Drift> open = plan == null ? null
                    : plan.drift().stream().filter(d -> !restored.contains(d.ref())).toList();
            SyncRun.Counts counts = new SyncRun.Counts(created, updated, deleted, plan == null ? 0 : plan.drift().size());
            return policy.withTransaction(tx -> {
                Uni<Void> work = open == null ? Uni.createFrom().voidItem() : drift.replace(tx, source.id(), open, commit);
                if (outcome == Outcome.APPLIED) {
                    work = work.chain(() -> outbox.append(tx,
                            new SyncApplied(ids.get(0), source.id(), commit, created, updated, deleted), actor));
                } else if (outcome == Outcome.INVALID || outcome == Outcome.FAILED) {
                    work = work.chain(() -> runs.lastFinished(tx, source.id())).chain(last -> last
                            .filter(run -> sameFailure(run, outcome, errors)).isPresent()
                                    ? Uni.createFrom().voidItem()
                                    : outbox.append(tx, new SyncFailed(ids.get(0), source.id(), commit,
                                            outcome.apiName(), errors.stream().map(Reconciler::describe).toList()),
                                            actor));
                }
                return work.chain(() -> runs.finish(tx, ids, commit, outcome, counts, errors));
            }).invoke(() -> {
                if (outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED) {
                    metrics.synced(Instant.now(), counts.drifted());
                } else {
                    metrics.failed(outcome);
                }
            }).replaceWith(() -> new Result(outcome, ids, commit, plan, errors));
        }

        /**
         * Whether {@code run} failed the same way on the same commit: an invalid commit is audited once, not at
         * every interval until someone fixes it (its runs still record each attempt).
         */
        private boolean sameFailure(SyncRun run, Outcome outcome, List<DocumentError> errors) {
            return run.outcome() == outcome && Objects.equals(run.commit(), commit) && run.errors().equals(errors);
        }

        private Uni<Void> appendAll(SqlClient tx, List<IntegrationEvent> events) {
            Uni<Void> appended = Uni.createFrom().voidItem();
            for (IntegrationEvent event : events) {
                appended = appended.chain(() -> outbox.append(tx, event, actor));
            }
            return appended;
        }
    }

    static String describe(DocumentError error) {
        String where = error.file() == null ? "" : error.file() + (error.line() == null ? "" : ":" + error.line()) + ": ";
        return where + error.reason();
    }

    private static List<String> paths(List<FieldChange> fields) {
        return fields.stream().map(FieldChange::path).toList();
    }

    /** Applying one change failed; carries the change and where it was declared. */
    private static final class StepFailed extends RuntimeException {
        private final transient Change change;
        private final transient Declared declared;

        StepFailed(Change change, Declared declared, Throwable cause) {
            super(cause.getMessage(), cause);
            this.change = change;
            this.declared = declared;
        }
    }
}
