package io.tollgate.quota.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import io.tollgate.quota.internal.application.DefinitionService;
import io.tollgate.quota.internal.domain.Budget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code Budget}: an organisation's spending limits, named after the organisation ({@code metadata.name} equals
 * {@code metadata.namespace}). Amounts are decimal strings in their canonical form ({@code "25.5"}); absent is no
 * limit. Pruning lifts both limits (the currency and threshold stay); a budget without limits is not observed.
 * What has been spent is runtime and never part of the spec.
 */
@ApplicationScoped
public class BudgetKind implements PolicyKind {

    static final String KIND = "Budget";

    @RegisterForReflection
    record Spec(String daily, String monthly, String currency, Integer softThresholdPercent) {
    }

    private final DefinitionService definitions;
    private final TenantDirectory directory;

    public BudgetKind(DefinitionService definitions, TenantDirectory directory) {
        this.definitions = definitions;
        this.directory = directory;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 70, Scope.ORGANISATION, true);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        Spec s = Specs.read(spec, Spec.class);
        return Specs.write(new Spec(Specs.amount("daily", s.daily()), Specs.amount("monthly", s.monthly()),
                s.currency(), s.softThresholdPercent() == null ? Budget.DEFAULT_SOFT_THRESHOLD_PERCENT
                        : s.softThresholdPercent()));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return List.of(ObjectRef.platformWide(QuotaRefs.ORGANIZATION, declared.ref().namespace()));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return directory.tenants().flatMap(tenants -> definitions.allBudgets().map(all -> all.stream()
                .filter(d -> d.budget() != null && (d.budget().daily() != null || d.budget().monthly() != null))
                .flatMap(d -> tenants.orgSlug(d.orgId()).stream()
                        .map(org -> new PolicyObject(new ObjectRef(KIND, org, org), spec(d.budget()))))
                .toList()));
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return update(declared, actor);
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return set(declared.ref(), current -> {
            Spec s = Specs.read(normalise(declared.spec()), Spec.class);
            return Budget.parse(s.daily(), s.monthly(), s.currency(), s.softThresholdPercent());
        }, actor);
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return set(ref, current -> current == null ? null
                : Budget.parse(null, null, current.currency(), current.softThresholdPercent()), actor);
    }

    /** Read-modify-write of the organisation's budget at the version read; {@code change} null leaves it. */
    private Uni<Void> set(ObjectRef ref, Function<Budget, Budget> change, Actor actor) {
        if (!QuotaRefs.namesOrganisation(ref)) {
            return Uni.createFrom().failure(new TollgateException(ErrorKind.UNPROCESSABLE,
                    "A Budget is named after its organisation: metadata.name must be '" + ref.namespace() + "'"));
        }
        return directory.tenants().flatMap(tenants -> {
            UUID orgId = tenants.orgId(ref.namespace());
            return definitions.budget(orgId).flatMap(current -> {
                Budget next = change.apply(current.budget());
                return next == null ? Uni.createFrom().voidItem()
                        : definitions.setBudget(orgId, next, current.version(), actor).replaceWithVoid();
            });
        });
    }

    private static ObjectNode spec(Budget b) {
        return Specs.write(new Spec(Specs.amount(b.daily()), Specs.amount(b.monthly()), b.currency(),
                b.softThresholdPercent()));
    }
}
