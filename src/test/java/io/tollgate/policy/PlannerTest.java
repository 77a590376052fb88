package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.internal.domain.Action;
import io.tollgate.policy.internal.domain.Change;
import io.tollgate.policy.internal.domain.DriftMode;
import io.tollgate.policy.internal.domain.FieldChange;
import io.tollgate.policy.internal.domain.KindRules;
import io.tollgate.policy.internal.domain.Managed;
import io.tollgate.policy.internal.domain.Plan;
import io.tollgate.policy.internal.domain.Planner;
import io.tollgate.policy.internal.domain.SpecDiff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner's rules, table by table: order, adoption, pruning, release, drift in both modes, field diffs. */
class PlannerTest {

    private static final KindRules RULES = new KindRules() {
        @Override
        public int rank(String kind) {
            return kind.equals("Org") ? 1 : 2;
        }

        @Override
        public boolean prunes(String kind) {
            return kind.equals("Thing");
        }

        @Override
        public List<ObjectRef> dependencies(PolicyObject object) {
            return object.spec().has("needs")
                    ? List.of(new ObjectRef("Thing", "acme", object.spec().get("needs").asText()))
                    : List.of();
        }
    };

    private static final ObjectRef ORG = ObjectRef.platformWide("Org", "acme");
    private static final ObjectRef THING = new ObjectRef("Thing", "acme", "t");
    private static final ObjectRef OTHER = new ObjectRef("Other", "acme", "o");

    @Test
    void createsInRankOrderAndAdoptsWhatAlreadyMatches() {
        Plan plan = planner(DriftMode.RESTORE).plan(List.of(declared(THING, spec("a", 1)), declared(ORG, spec("x", 1))),
                Map.of(THING, spec("a", 1)), Map.of());

        assertThat(plan.changes()).extracting(Change::action, Change::ref).containsExactly(tuple(Action.CREATE, ORG));
        assertThat(plan.unchanged()).containsExactly(THING);
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void onlyObjectsGitAppliedArePrunedOrReleasedInReverseRank() {
        Map<ObjectRef, Managed> managed = Map.of(ORG, managed(ORG, spec("x", 1)), THING, managed(THING, spec("a", 1)),
                OTHER, managed(OTHER, spec("b", 1)));
        ObjectRef foreign = new ObjectRef("Thing", "acme", "made-through-the-api");

        Plan plan = planner(DriftMode.RESTORE).plan(List.of(), Map.of(ORG, spec("x", 1), THING, spec("a", 1),
                OTHER, spec("b", 1), foreign, spec("c", 1)), managed);

        assertThat(plan.changes()).extracting(Change::action, Change::ref).containsExactly(
                tuple(Action.DELETE, THING), tuple(Action.RELEASE, OTHER), tuple(Action.RELEASE, ORG));
    }

    @Test
    void objectsOfOneRankComeAfterWhatTheyNeedAndAreRemovedBeforeIt() {
        ObjectRef model = new ObjectRef("Thing", "acme", "gpt");
        ObjectRef fallback = new ObjectRef("Thing", "acme", "gpt-mini");
        ObjectRef last = new ObjectRef("Thing", "acme", "a-first-by-name");
        ObjectNode needsFallback = spec("a", 1).put("needs", "gpt-mini");
        ObjectNode needsModel = spec("a", 1).put("needs", "gpt");

        Plan create = planner(DriftMode.RESTORE).plan(List.of(declared(last, needsModel),
                declared(model, needsFallback), declared(fallback, spec("b", 1))), Map.of(), Map.of());
        Plan prune = planner(DriftMode.RESTORE).plan(List.of(),
                Map.of(model, needsFallback, fallback, spec("b", 1), last, needsModel),
                Map.of(model, managed(model, needsFallback), fallback, managed(fallback, spec("b", 1)),
                        last, managed(last, needsModel)));

        assertThat(create.changes()).extracting(Change::ref).containsExactly(fallback, model, last);
        assertThat(prune.changes()).extracting(Change::ref).containsExactly(last, model, fallback);
    }

    @Test
    void driftIsRestoredOrOnlyReportedAndAGitChangeIsNotDrift() {
        Map<ObjectRef, Managed> managed = Map.of(THING, managed(THING, spec("a", 1)), OTHER, managed(OTHER, spec("b", 1)));
        Map<ObjectRef, ObjectNode> observed = Map.of(THING, spec("edited", 1), OTHER, spec("edited", 1));
        List<PolicyObject> declared = List.of(declared(THING, spec("a", 1)), declared(OTHER, spec("b2", 1)));

        Plan restore = planner(DriftMode.RESTORE).plan(declared, observed, managed);
        Plan report = planner(DriftMode.REPORT).plan(declared, observed, managed);

        assertThat(restore.drift()).extracting(d -> d.ref()).containsExactly(THING);
        assertThat(restore.drift().get(0).fields()).extracting(FieldChange::path).containsExactly("/colour");
        assertThat(restore.changes()).extracting(Change::ref, Change::restoresDrift)
                .containsExactlyInAnyOrder(tuple(THING, true), tuple(OTHER, false));
        assertThat(report.drift()).extracting(d -> d.ref()).containsExactly(THING);
        assertThat(report.changes()).extracting(Change::ref).containsExactly(OTHER);
    }

    @Test
    void anObjectDeletedOutsideGitIsDriftAndRecreated() {
        Plan plan = planner(DriftMode.RESTORE).plan(List.of(declared(THING, spec("a", 1))), Map.of(),
                Map.of(THING, managed(THING, spec("a", 1))));

        assertThat(plan.drift()).singleElement().satisfies(d -> assertThat(d.deleted()).isTrue());
        assertThat(plan.changes()).extracting(Change::action, Change::restoresDrift)
                .containsExactly(tuple(Action.CREATE, true));
    }

    @Test
    void diffsNameNestedFieldsAndCompareNumbersByValue() {
        ObjectNode from = spec("a", 1);
        from.putObject("limits").put("rpm", 10).putArray("tiers").add(new BigDecimal("0.50"));
        ObjectNode to = spec("a", 1);
        to.putObject("limits").put("rpm", 20L).putArray("tiers").add(0.5);
        to.put("a/b", true);

        assertThat(SpecDiff.between(from, to)).extracting(FieldChange::path)
                .containsExactly("/a~1b", "/limits/rpm");
        assertThat(SpecDiff.between(spec("a", 1), spec("a", 1))).isEmpty();
    }

    private static Planner planner(DriftMode mode) {
        return new Planner(RULES, mode);
    }

    private static PolicyObject declared(ObjectRef ref, ObjectNode spec) {
        return new PolicyObject(ref, spec);
    }

    private static Managed managed(ObjectRef ref, ObjectNode spec) {
        return new Managed(ref, "c0ffee", spec, Instant.EPOCH);
    }

    private static ObjectNode spec(String colour, int size) {
        return JsonNodeFactory.instance.objectNode().put("colour", colour).put("size", size);
    }
}
