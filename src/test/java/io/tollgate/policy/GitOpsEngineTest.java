package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.application.Reconciler;
import io.tollgate.policy.internal.application.Reconciler.Result;
import io.tollgate.policy.internal.domain.Action;
import io.tollgate.policy.internal.domain.Change;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.domain.SyncRun;
import io.tollgate.policy.internal.persistence.SyncRunRepository;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.internal.application.GitOpsConfig;
import io.tollgate.policy.internal.application.GitOpsMetrics;
import io.tollgate.policy.internal.application.Planning;
import io.tollgate.policy.internal.application.PolicyKinds;
import io.tollgate.policy.internal.domain.DriftMode;
import io.tollgate.policy.internal.persistence.DriftRepository;
import io.tollgate.policy.internal.persistence.InventoryRepository;
import io.tollgate.policy.internal.persistence.LeaseRepository;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against a real Git repository in a temporary directory, the real policy and audit databases and
 * the broker, with two in-memory kinds standing in for the contexts (GitOpsEndToEndTest runs the real ones):
 * {@code Widget}, whose pruning is enabled, and {@code Gadget}, prunable but not pruned, applied after widgets.
 */
@QuarkusTest
class GitOpsEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final InMemoryKind widgets = new InMemoryKind("Widget", 1000, Scope.EITHER, true);
    private final InMemoryKind gadgets = new InMemoryKind("Gadget", 1001, Scope.EITHER, true);
    private final PolicyKinds kinds = PolicyKinds.of(List.of(widgets, gadgets), Map.of("Widget", true));

    @Inject
    @ReactiveDataSource("policy")
    Pool policy;

    @Inject
    @ReactiveDataSource("audit")
    Pool audit;

    @Inject
    SyncRunRepository runs;

    @Inject
    LeaseRepository leases;

    @Inject
    InventoryRepository inventory;

    @Inject
    DriftRepository drift;

    @Inject
    Outbox outbox;

    @Inject
    GitOpsConfig config;

    @Inject
    GitOpsMetrics metrics;

    private Reconciler reconciler;

    @BeforeEach
    void reconciler() {
        reconciler = reconciler(DriftMode.RESTORE);
    }

    private Reconciler reconciler(DriftMode mode) {
        return new Reconciler(policy, leases, runs, inventory, drift, outbox, new Planning(kinds, mode), kinds, config,
                metrics);
    }

    @Test
    void initialSyncCreatesEverythingAndASecondSyncIsANoOp() {
        String tag = Unique.slug("init");
        try (PolicyRepo repo = PolicyRepo.create()) {
            String commit = repo.write("base.yaml", widget(tag + "-base", "red", ""))
                    .write("more/child.yaml", widget(tag + "-child", "blue", "  dependsOn: " + tag + "-base\n"))
                    .commit("two widgets");
            GitSource source = repo.source();

            Result first = sync(source);

            assertThat(first.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(first.commit()).isEqualTo(commit);
            assertThat(first.plan().changes()).extracting(Change::action).containsExactly(Action.CREATE, Action.CREATE);
            assertThat(widgets.stored(ref(tag + "-child")).get("colour").asText()).isEqualTo("blue");
            assertThat(widgets.appliedFor(tag)).containsExactly("create Widget/" + tag + "-base by system:gitops",
                    "create Widget/" + tag + "-child by system:gitops");
            assertThat(managed(source)).containsExactly("Widget/" + tag + "-base git " + commit,
                    "Widget/" + tag + "-child git " + commit);

            Result second = sync(source);

            assertThat(second.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(second.plan().changes()).isEmpty();
            assertThat(widgets.appliedFor(tag)).hasSize(2);
            assertThat(runOutcomes(source)).containsExactly("unchanged", "applied");
        }
    }

    @Test
    void apiEditOfAManagedFieldIsDetectedRestoredAndAudited() {
        String tag = Unique.slug("drift");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag, "red", "")).commit("a widget");
            GitSource source = repo.source();
            sync(source);

            widgets.editThroughApi(ref(tag), "colour", "green");
            Result restore = sync(source);

            assertThat(restore.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(restore.plan().drift()).singleElement().satisfies(drift -> {
                assertThat(drift.ref()).isEqualTo(ref(tag));
                assertThat(drift.fields()).singleElement().satisfies(field -> {
                    assertThat(field.path()).isEqualTo("/colour");
                    assertThat(field.from().asText()).isEqualTo("red");
                    assertThat(field.to().asText()).isEqualTo("green");
                });
            });
            assertThat(restore.plan().changes()).singleElement().satisfies(change -> {
                assertThat(change.action()).isEqualTo(Action.UPDATE);
                assertThat(change.restoresDrift()).isTrue();
            });
            assertThat(widgets.stored(ref(tag)).get("colour").asText()).isEqualTo("red");
            assertThat(openDrift(source)).isEmpty();
            await().atMost(WAIT).untilAsserted(() -> assertThat(audited("Widget/" + tag))
                    .containsExactly("policy.drift-detected.v1 system:gitops", "policy.drift-restored.v1 system:gitops"));

            widgets.deleteThroughApi(ref(tag));
            Result recreate = sync(source);

            assertThat(recreate.plan().drift()).singleElement().satisfies(drift -> assertThat(drift.deleted()).isTrue());
            assertThat(recreate.plan().changes()).extracting(Change::action).containsExactly(Action.CREATE);
            assertThat(widgets.stored(ref(tag)).get("colour").asText()).isEqualTo("red");
        }
    }

    @Test
    void inReportModeDriftIsRecordedAndLeftInPlace() {
        String tag = Unique.slug("report");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag, "red", "")).commit("a widget");
            GitSource source = repo.source();
            Reconciler reporting = reconciler(DriftMode.REPORT);
            reporting.reconcile(source, "engine-test", true).await().atMost(WAIT);

            widgets.editThroughApi(ref(tag), "colour", "green");
            Result result = reporting.reconcile(source, "engine-test", true).await().atMost(WAIT);

            assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(result.plan().drift()).hasSize(1);
            assertThat(widgets.stored(ref(tag)).get("colour").asText()).isEqualTo("green");
            assertThat(openDrift(source)).containsExactly("Widget/" + tag);

            repo.write("w.yaml", widget(tag, "blue", "")).commit("Git changes it too");
            Result gitWins = reporting.reconcile(source, "engine-test", true).await().atMost(WAIT);

            assertThat(gitWins.plan().drift()).isEmpty();
            assertThat(widgets.stored(ref(tag)).get("colour").asText()).isEqualTo("blue");
            assertThat(openDrift(source)).isEmpty();
        }
    }

    @Test
    void secretSetThroughTheApiIsUntouchedBySync() {
        String tag = Unique.slug("secret");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag, "red", "")).commit("a widget");
            GitSource source = repo.source();
            sync(source);
            widgets.setSecretThroughApi(ref(tag), "s3cr3t");

            repo.write("w.yaml", widget(tag, "blue", "")).commit("blue now");
            Result result = sync(source);

            assertThat(result.plan().changes()).singleElement().satisfies(change -> {
                assertThat(change.restoresDrift()).isFalse();
                assertThat(change.fields()).extracting(f -> f.path()).containsExactly("/colour");
            });
            assertThat(widgets.stored(ref(tag)).get("colour").asText()).isEqualTo("blue");
            assertThat(widgets.secret(ref(tag))).isEqualTo("s3cr3t");
        }
    }

    @Test
    void invalidCommitAppliesNothingAndReportsFileAndLine() {
        String tag = Unique.slug("invalid");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("a.yaml", widget(tag + "-a", "red", "")).commit("valid");
            GitSource source = repo.source();
            sync(source);

            String bad = repo.write("a.yaml", widget(tag + "-a", "blue", ""))
                    .write("b.yaml", widget(tag + "-b", "red", "  size: many\n"))
                    .write("c.yaml", widget(tag + "-c", "red", "  dependsOn: " + tag + "-missing\n"))
                    .commit("one good change, two bad documents");
            Result result = sync(source);

            assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
            assertThat(result.commit()).isEqualTo(bad);
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.file()).isEqualTo("b.yaml");
                assertThat(error.line()).isEqualTo(7);
                assertThat(error.name()).isEqualTo(tag + "-b");
                assertThat(error.reason()).startsWith("/spec/size: ");
            });
            assertThat(widgets.stored(ref(tag + "-a")).get("colour").asText()).isEqualTo("red");
            assertThat(widgets.stored(ref(tag + "-b"))).isNull();

            repo.delete("b.yaml").commit("drop the bad one");
            Result missing = sync(source);

            assertThat(missing.outcome()).isEqualTo(Outcome.INVALID);
            assertThat(missing.errors()).singleElement().satisfies(error -> {
                assertThat(error.file()).isEqualTo("c.yaml");
                assertThat(error.line()).isEqualTo(1);
                assertThat(error.reason()).contains("needs Widget/" + tag + "-missing");
            });
            assertThat(widgets.stored(ref(tag + "-a")).get("colour").asText()).isEqualTo("red");
            Result again = sync(source);

            assertThat(again.outcome()).isEqualTo(Outcome.INVALID);
            assertThat(runOutcomes(source)).containsExactly("invalid", "invalid", "invalid", "applied");
            await().atMost(WAIT).untilAsserted(() -> assertThat(auditedRuns(result.runIds().get(0).toString()))
                    .containsExactly("policy.sync-failed.v1"));
            assertThat(outboxEvents(missing.runIds().get(0).toString())).containsExactly("policy.sync-failed.v1");
            assertThat(outboxEvents(again.runIds().get(0).toString())).as("the same failure is audited once").isEmpty();
        }
    }

    @Test
    void deletingDocumentsPrunesOnlyKindsWherePruningIsEnabled() {
        String tag = Unique.slug("prune");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag, "red", "")).write("g.yaml", gadget(tag)).write("README.md", "Policies\n")
                    .commit("one of each");
            GitSource source = repo.source();
            sync(source);
            ObjectRef gadget = ObjectRef.platformWide("Gadget", tag);
            assertThat(gadgets.stored(gadget)).isNotNull();

            repo.delete("w.yaml").delete("g.yaml").commit("both gone");
            Result result = sync(source);

            assertThat(result.plan().changes()).extracting(Change::action, Change::ref)
                    .as("removals in reverse rank: gadgets after widgets")
                    .containsExactly(tuple(Action.RELEASE, gadget), tuple(Action.DELETE, ref(tag)));
            assertThat(widgets.stored(ref(tag))).isNull();
            assertThat(gadgets.stored(gadget)).isNotNull();
            assertThat(managed(source)).isEmpty();
        }
    }

    @Test
    void aRequestedSyncRunsAtTheNextPollAndNothingRunsUnaskedBeforeTheInterval() {
        String tag = Unique.slug("requested");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag, "red", "")).commit("a widget");
            GitSource source = repo.source();

            assertThat(reconciler.reconcile(source, "engine-test", false).await().atMost(WAIT).outcome())
                    .isEqualTo(Outcome.IDLE);
            UUID requested = runs.insert(policy, source.id(), "api", "user-1", Outcome.REQUESTED).await().atMost(WAIT);
            Result result = reconciler.reconcile(source, "engine-test", false).await().atMost(WAIT);

            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.runIds()).containsExactly(requested);
            assertThat(runOutcomes(source)).containsExactly("applied");
        }
    }

    @Test
    void finishedRunsOlderThanTheRetentionArePurged() {
        String source = Unique.slug("dir:/retention");
        UUID old = runs.insert(policy, source, "interval", "system:gitops", Outcome.RUNNING).await().atMost(WAIT);
        UUID recent = runs.insert(policy, source, "interval", "system:gitops", Outcome.RUNNING).await().atMost(WAIT);
        UUID requested = runs.insert(policy, source, "api", "user-1", Outcome.REQUESTED).await().atMost(WAIT);
        runs.finish(policy, List.of(old, recent), "local", Outcome.UNCHANGED, SyncRun.Counts.NONE, List.of())
                .await().atMost(WAIT);
        policy.preparedQuery("UPDATE sync_runs SET finished_at = now() - interval '31 days' WHERE id = $1")
                .execute(Tuple.of(old)).await().atMost(WAIT);

        runs.purgeFinished(policy, Duration.ofDays(30)).await().atMost(WAIT);

        assertThat(runs.find(policy, old).await().atMost(WAIT)).isEmpty();
        assertThat(runs.find(policy, recent).await().atMost(WAIT)).isPresent();
        assertThat(runs.find(policy, requested).await().atMost(WAIT)).isPresent();
    }

    @Test
    void twoReconcilersNeverApplyConcurrently() {
        String tag = Unique.slug("race");
        try (PolicyRepo repo = PolicyRepo.create()) {
            repo.write("w.yaml", widget(tag + "-1", "red", "") + "---\n" + widget(tag + "-2", "red", "")
                    + "---\n" + widget(tag + "-3", "red", "")).commit("three widgets");
            GitSource source = repo.source();
            widgets.slowDownAppliesBy(Duration.ofMillis(200));
            try {
                List<Result> results = Uni.join().all(reconciler.reconcile(source, "replica-a", true),
                        reconciler.reconcile(source, "replica-b", true)).andFailFast().await().atMost(WAIT);

                assertThat(results).extracting(Result::outcome)
                        .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.SKIPPED);
                assertThat(widgets.appliedFor(tag)).hasSize(3);
                assertThat(widgets.maxConcurrentApplies()).isEqualTo(1);
            } finally {
                widgets.slowDownAppliesBy(Duration.ZERO);
            }
        }
    }

    private Result sync(GitSource source) {
        return reconciler.reconcile(source, "engine-test", true).await().atMost(WAIT);
    }

    private static ObjectRef ref(String name) {
        return ObjectRef.platformWide("Widget", name);
    }

    /** A Widget document; {@code extraSpec}: further lines of its spec, indented by two. */
    static String widget(String name, String colour, String extraSpec) {
        return """
                apiVersion: tollgate.io/v1
                kind: Widget
                metadata:
                  name: %s
                spec:
                  colour: %s
                %s""".formatted(name, colour, extraSpec);
    }

    private static String gadget(String name) {
        return "apiVersion: tollgate.io/v1\nkind: Gadget\nmetadata:\n  name: " + name + "\nspec: {}\n";
    }

    private List<String> managed(GitSource source) {
        return strings(policy, "SELECT ref || ' ' || managed_by || ' ' || source_commit FROM managed_objects "
                + "WHERE source = $1 ORDER BY ref", source.id());
    }

    private List<String> openDrift(GitSource source) {
        return strings(policy, "SELECT ref FROM drift WHERE source = $1", source.id());
    }

    private List<String> runOutcomes(GitSource source) {
        return strings(policy, "SELECT outcome FROM sync_runs WHERE source = $1 ORDER BY requested_at DESC", source.id());
    }

    private List<String> audited(String subject) {
        return strings(audit, "SELECT event_type || ' ' || actor FROM audit_entries WHERE subject = $1 ORDER BY occurred_at, id",
                subject);
    }

    private List<String> auditedRuns(String runId) {
        return strings(audit, "SELECT event_type FROM audit_entries WHERE subject = $1", runId);
    }

    private List<String> outboxEvents(String runId) {
        return strings(policy, "SELECT routing_key FROM outbox WHERE subject = $1", runId);
    }

    private static List<String> strings(Pool pool, String sql, String parameter) {
        List<String> values = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(WAIT)) {
            values.add(row.getString(0));
        }
        return values;
    }
}
