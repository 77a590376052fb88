package io.tollgate.policy.internal.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the declared objects with the platform's and the inventory's and says what to do. Only objects in the
 * inventory (created or adopted from Git) are ever deleted or released; an object the platform holds that Git never
 * declared is not Git's business.
 */
public final class Planner {

    private final KindRules kinds;
    private final DriftMode driftMode;

    public Planner(KindRules kinds, DriftMode driftMode) {
        this.kinds = kinds;
        this.driftMode = driftMode;
    }

    public Plan plan(List<PolicyObject> declared, Map<ObjectRef, ObjectNode> observed, Map<ObjectRef, Managed> managed) {
        List<Change> applies = new ArrayList<>();
        List<Change> removals = new ArrayList<>();
        List<ObjectRef> unchanged = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        for (PolicyObject object : declared) {
            ObjectRef ref = object.ref();
            ObjectNode current = observed.get(ref);
            Managed applied = managed.get(ref);
            boolean gitUnchanged = applied != null && SpecDiff.between(applied.appliedSpec(), object.spec()).isEmpty();
            if (gitUnchanged && (current == null || !SpecDiff.between(applied.appliedSpec(), current).isEmpty())) {
                drift.add(new Drift(ref, current == null ? List.of() : SpecDiff.between(applied.appliedSpec(), current),
                        current == null));
                if (driftMode == DriftMode.REPORT) {
                    continue;
                }
            }
            boolean restores = gitUnchanged && driftMode == DriftMode.RESTORE;
            if (current == null) {
                applies.add(new Change(Action.CREATE, ref, object.spec(), SpecDiff.between(null, object.spec()), restores));
            } else {
                List<FieldChange> fields = SpecDiff.between(current, object.spec());
                if (fields.isEmpty()) {
                    unchanged.add(ref);
                } else {
                    applies.add(new Change(Action.UPDATE, ref, object.spec(), fields, restores));
                }
            }
        }
        Set<ObjectRef> declaredRefs = declared.stream().map(PolicyObject::ref).collect(Collectors.toSet());
        for (ObjectRef ref : managed.keySet()) {
            if (declaredRefs.contains(ref)) {
                continue;
            }
            boolean delete = kinds.prunes(ref.kind()) && observed.containsKey(ref);
            removals.add(new Change(delete ? Action.DELETE : Action.RELEASE, ref, null, List.of(), false));
        }
        Comparator<ObjectRef> byRank = Comparator.comparingInt((ObjectRef ref) -> kinds.rank(ref.kind()))
                .thenComparing(ObjectRef::toString);
        applies.sort(Comparator.comparing(Change::ref, byRank));
        removals.sort(Comparator.comparing(Change::ref, byRank));
        List<Change> changes = new ArrayList<>(DependencyOrder.dependenciesFirst(applies,
                change -> kinds.dependencies(new PolicyObject(change.ref(), change.spec()))));
        // Removals in reverse: an object goes before what it needed, judged by the spec Git last applied.
        changes.addAll(DependencyOrder.dependenciesFirst(removals,
                change -> kinds.dependencies(new PolicyObject(change.ref(), managed.get(change.ref()).appliedSpec())))
                .reversed());
        unchanged.sort(byRank);
        return new Plan(changes, unchanged, drift);
    }
}
