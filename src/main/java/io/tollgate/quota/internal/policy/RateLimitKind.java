package io.tollgate.quota.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.api.Tenants;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import io.tollgate.quota.internal.application.DefinitionService;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code RateLimit}: the limits of an organisation ({@code metadata.name} is the organisation's slug, as its
 * namespace) or of one of its projects ({@code metadata.name} is the project's slug). Absent values are unlimited.
 * Pruning clears the level: back to the platform defaults for an organisation, unlimited for a project; limits
 * equal to those are indistinguishable from none and are not observed. A project whose slug is its organisation's
 * cannot have its limits declared (they would share a name); they are set through the API.
 */
@ApplicationScoped
public class RateLimitKind implements PolicyKind {

    static final String KIND = "RateLimit";

    @RegisterForReflection
    record Spec(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent, Map<String, ModelSpec> models) {
    }

    /** Limits of one model alias, in addition to the level's own. */
    @RegisterForReflection
    record ModelSpec(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent) {
    }

    /** The level a document names. */
    private record Target(UUID orgId, LimitLevel level, UUID subjectId) {
    }

    private final DefinitionService definitions;
    private final TenantDirectory directory;

    public RateLimitKind(DefinitionService definitions, TenantDirectory directory) {
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
        return Specs.write(new Spec(s.requestsPerMinute(), s.tokensPerMinute(), s.maxConcurrent(),
                new TreeMap<>(s.models() == null ? Map.of() : s.models())));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        ObjectRef ref = declared.ref();
        ObjectRef org = ObjectRef.platformWide(QuotaRefs.ORGANIZATION, ref.namespace());
        return QuotaRefs.namesOrganisation(ref) ? List.of(org) : List.of(org, new ObjectRef("Project", ref.namespace(), ref.name()));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return directory.tenants().flatMap(tenants -> definitions.allLimits().map(all -> all.stream()
                .filter(d -> !definitions.isUnset(d))
                .flatMap(d -> ref(tenants, d).stream().map(ref -> new PolicyObject(ref, spec(d.limits()))))
                .toList()));
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return update(declared, actor);
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return target(declared.ref()).flatMap(target -> {
            Limits limits = limits(Specs.read(normalise(declared.spec()), Spec.class));
            return definitions.limits(target.orgId(), target.level(), target.subjectId())
                    .flatMap(current -> definitions.setLimits(target.orgId(), target.level(), target.subjectId(), limits,
                            current.version(), actor));
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return target(ref).flatMap(target -> definitions.limits(target.orgId(), target.level(), target.subjectId())
                .flatMap(current -> definitions.clearLimits(target.orgId(), target.level(), target.subjectId(),
                        current.version(), actor)))
                .replaceWithVoid();
    }

    private Uni<Target> target(ObjectRef ref) {
        return directory.tenants().map(tenants -> {
            UUID orgId = tenants.orgId(ref.namespace());
            return QuotaRefs.namesOrganisation(ref) ? new Target(orgId, LimitLevel.ORG, orgId)
                    : new Target(orgId, LimitLevel.PROJECT, tenants.projectId(orgId, ref.name()));
        });
    }

    /** The definition's name in Git; empty for key limits, and for levels Git cannot name. */
    private static Optional<ObjectRef> ref(Tenants tenants, LimitDefinition d) {
        Optional<String> org = tenants.orgSlug(d.orgId());
        return switch (d.level()) {
            case ORG -> org.map(slug -> new ObjectRef(KIND, slug, slug));
            case PROJECT -> org.flatMap(slug -> tenants.projectSlug(d.orgId(), d.subjectId())
                    .filter(project -> !project.equals(slug)).map(project -> new ObjectRef(KIND, slug, project)));
            case KEY -> Optional.empty();
        };
    }

    private static Limits limits(Spec s) {
        Map<String, Limit> models = new TreeMap<>();
        s.models().forEach((alias, m) -> models.put(alias,
                m == null ? null : new Limit(m.requestsPerMinute(), m.tokensPerMinute(), m.maxConcurrent())));
        return new Limits(s.requestsPerMinute(), s.tokensPerMinute(), s.maxConcurrent(), models);
    }

    private static ObjectNode spec(Limits l) {
        Map<String, ModelSpec> models = new TreeMap<>();
        l.models().forEach((alias, m) -> models.put(alias,
                new ModelSpec(m.requestsPerMinute(), m.tokensPerMinute(), m.maxConcurrent())));
        return Specs.write(new Spec(l.requestsPerMinute(), l.tokensPerMinute(), l.maxConcurrent(), models));
    }
}
