package io.tollgate.policy.internal.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.internal.documents.DocumentReader;
import io.tollgate.policy.internal.documents.KindSchemas;
import io.tollgate.policy.internal.domain.Declared;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.DriftMode;
import io.tollgate.policy.internal.domain.Managed;
import io.tollgate.policy.internal.domain.Plan;
import io.tollgate.policy.internal.domain.Planner;
import io.tollgate.policy.internal.domain.SetRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * From valid documents to a plan, shared by the reconciler and the dry-run API: observes the platform through every
 * kind, checks that each object's dependencies exist, and plans against the inventory.
 */
@ApplicationScoped
public class Planning {

    /** A plan, or the dependency errors that prevent one. */
    public record Planned(Plan plan, List<DocumentError> errors) {
    }

    private final PolicyKinds kinds;
    private final DriftMode driftMode;
    private final KindSchemas schemas = new KindSchemas();

    @Inject
    public Planning(PolicyKinds kinds, GitOpsConfig config) {
        this(kinds, config.driftMode());
    }

    /** Planning over the given kinds (e.g. a test's own) with the given drift mode. */
    public Planning(PolicyKinds kinds, DriftMode driftMode) {
        this.kinds = kinds;
        this.driftMode = driftMode;
    }

    public DriftMode driftMode() {
        return driftMode;
    }

    public DocumentReader reader() {
        return new DocumentReader(kinds.all(), schemas);
    }

    public Uni<Planned> plan(List<Declared> declared, Map<ObjectRef, Managed> managed) {
        return observe().map(observed -> {
            List<DocumentError> errors = SetRules.checkDependencies(declared,
                    object -> kinds.get(object.ref().kind()).dependencies(object), observed.keySet());
            if (!errors.isEmpty()) {
                return new Planned(null, errors);
            }
            Plan plan = new Planner(kinds, driftMode)
                    .plan(declared.stream().map(Declared::object).toList(), observed, managed);
            return new Planned(plan, List.of());
        });
    }

    /** Every object of every kind the platform holds, one kind after another (each kind reads its own database). */
    private Uni<Map<ObjectRef, ObjectNode>> observe() {
        return Multi.createFrom().iterable(kinds.all().values())
                .onItem().transformToUniAndConcatenate(PolicyKind::observe)
                .collect().in(HashMap::new, (Map<ObjectRef, ObjectNode> all, List<PolicyObject> objects) ->
                        objects.forEach(object -> all.put(object.ref(), object.spec())));
    }
}
