package io.tollgate.policy.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.documents.DocumentReader.Reading;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.Managed;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.domain.Plan;
import io.tollgate.policy.internal.domain.SyncRun;
import io.tollgate.policy.internal.persistence.DriftRepository;
import io.tollgate.policy.internal.persistence.InventoryRepository;
import io.tollgate.policy.internal.persistence.SyncRunRepository;
import io.tollgate.policy.internal.source.PolicySource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the management API offers: status, drift, dry-run plans, and sync requests for the worker. */
@ApplicationScoped
public class GitOpsService {

    static final int RECENT_RUNS = 10;

    /** The configured source's state: recent runs (newest first) and the objects Git manages. */
    public record Status(Optional<PolicySource> source, GitOpsConfig config, List<SyncRun> runs,
            List<Managed> objects) {
    }

    private final Pool policy;
    private final ConfiguredSource source;
    private final GitOpsConfig config;
    private final SyncRunRepository runs;
    private final InventoryRepository inventory;
    private final DriftRepository drift;
    private final Planning planning;

    public GitOpsService(@ReactiveDataSource("policy") Pool policy, ConfiguredSource source, GitOpsConfig config,
            SyncRunRepository runs, InventoryRepository inventory, DriftRepository drift, Planning planning) {
        this.policy = policy;
        this.source = source;
        this.config = config;
        this.runs = runs;
        this.inventory = inventory;
        this.drift = drift;
        this.planning = planning;
    }

    public Uni<Status> status() {
        if (source.get().isEmpty()) {
            return Uni.createFrom().item(new Status(Optional.empty(), config, List.of(), List.of()));
        }
        String id = source.get().get().id();
        return runs.latest(policy, id, RECENT_RUNS).flatMap(recent -> inventory.all(policy, id)
                .map(managed -> new Status(source.get(), config, recent, List.copyOf(managed.values()))));
    }

    public Uni<List<DriftRepository.Recorded>> drift() {
        return source.get().map(s -> drift.current(policy, s.id())).orElse(Uni.createFrom().item(List.of()));
    }

    /** Asks the worker to sync the configured source soon; emits the run's id. */
    public Uni<UUID> requestSync(Actor actor) {
        PolicySource configured = source.get().orElseThrow(() -> new TollgateException(ErrorKind.CONFLICT,
                "GitOps is not configured: set tollgate.gitops.url (or tollgate.gitops.directory)"));
        return runs.insert(policy, configured.id(), SyncRun.TRIGGER_API, actor.principal(), Outcome.REQUESTED);
    }

    public Uni<SyncRun> run(UUID id) {
        return runs.find(policy, id).map(run -> run.orElseThrow(() -> TollgateException.notFound("Sync run")));
    }

    /** The plan for documents already read, against the platform and the configured source's inventory. */
    public Uni<Plan> plan(Reading reading) {
        if (!reading.valid()) {
            return Uni.createFrom().failure(invalid(reading.errors()));
        }
        Uni<Map<ObjectRef, Managed>> managed = source.get().map(s -> inventory.all(policy, s.id()))
                .orElse(Uni.createFrom().item(Map.of()));
        return managed.flatMap(m -> planning.plan(reading.declared(), m)).map(planned -> {
            if (!planned.errors().isEmpty()) {
                throw invalid(planned.errors());
            }
            return planned.plan();
        });
    }

    public Planning planning() {
        return planning;
    }

    /** 422 listing every error as {@code file:line} → {@code Kind/name: reason} (reasons at one place joined). */
    static TollgateException invalid(List<DocumentError> errors) {
        Map<String, String> byPlace = new LinkedHashMap<>();
        for (DocumentError error : errors) {
            String place = error.file() == null ? "documents"
                    : error.line() == null ? error.file() : error.file() + ":" + error.line();
            String what = (error.kind() == null ? "" : error.kind() + (error.name() == null ? "" : "/" + error.name())
                    + ": ") + error.reason();
            byPlace.merge(place, what, (a, b) -> a + "; " + b);
        }
        return new TollgateException(ErrorKind.UNPROCESSABLE, errors.size() + " error(s) in the documents; "
                + "nothing would be applied", byPlace, null, null);
    }
}
