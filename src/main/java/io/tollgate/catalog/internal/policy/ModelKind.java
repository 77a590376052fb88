package io.tollgate.catalog.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.domain.Deployment;
import io.tollgate.catalog.internal.domain.Model;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.ModelDraft.DeploymentFields;
import io.tollgate.catalog.internal.domain.PricedModel;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code Model}: platform-wide without a namespace, an organisation's with one; {@code metadata.name} is the name
 * clients send (unique across the installation). Organisations, projects, providers and fallback models are named,
 * never given by id: a deployment's provider by {@code provider} and, for an organisation's own provider,
 * {@code providerNamespace}; a fallback by {@code model} and its {@code namespace}. Audience entries and
 * deployments are compared in a stable order; fallbacks keep theirs, which is the order they are tried in.
 */
@ApplicationScoped
public class ModelKind implements PolicyKind {

    static final String KIND = "Model";
    private static final Comparator<AudienceSpec> AUDIENCE_ORDER = Comparator.comparing(AudienceSpec::organization)
            .thenComparing(AudienceSpec::project, Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Comparator<DeploymentSpec> DEPLOYMENT_ORDER = Comparator.comparing(DeploymentSpec::priority)
            .thenComparing(DeploymentSpec::providerNamespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DeploymentSpec::provider).thenComparing(DeploymentSpec::upstreamModel);

    @RegisterForReflection
    record Spec(List<AudienceSpec> audience, String strategy, RetrySpec retry, List<FallbackSpec> fallbacks,
            CapabilitiesSpec capabilities, List<DeploymentSpec> deployments) {
    }

    /** An organisation (by slug) or one of its projects that may use the model. */
    @RegisterForReflection
    record AudienceSpec(String organization, String project) {
    }

    @RegisterForReflection
    record RetrySpec(Integer attempts, Integer backoffMs) {
    }

    /** A model to fall back on: its name and, for an organisation's model, that organisation's slug. */
    @RegisterForReflection
    record FallbackSpec(String model, String namespace) {
    }

    @RegisterForReflection
    record CapabilitiesSpec(Boolean chat, Boolean embeddings, Boolean completions, Boolean tools, Boolean vision,
            Integer maxContextTokens) {
    }

    @RegisterForReflection
    record DeploymentSpec(String provider, String providerNamespace, String upstreamModel, Integer weight,
            Integer priority, Integer maxConcurrent, Integer rpm, Integer tpm) {
    }

    private final ModelService models;
    private final CatalogStates catalog;

    public ModelKind(ModelService models, CatalogStates catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 50, Scope.EITHER, true);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        Spec s = Specs.read(spec, Spec.class);
        RetrySpec retry = s.retry() == null ? new RetrySpec(null, null) : s.retry();
        CapabilitiesSpec caps = s.capabilities() == null ? new CapabilitiesSpec(null, null, null, null, null, null)
                : s.capabilities();
        Capabilities base = Capabilities.CHAT;
        return Specs.write(new Spec(
                orEmpty(s.audience()).stream().sorted(AUDIENCE_ORDER).toList(),
                s.strategy() == null ? "weighted" : s.strategy(),
                new RetrySpec(or(retry.attempts(), RetryPolicy.DEFAULT.attempts()),
                        or(retry.backoffMs(), RetryPolicy.DEFAULT.backoffMs())),
                orEmpty(s.fallbacks()),
                new CapabilitiesSpec(or(caps.chat(), base.chat()), or(caps.embeddings(), base.embeddings()),
                        or(caps.completions(), base.completions()), or(caps.tools(), base.tools()),
                        or(caps.vision(), base.vision()), caps.maxContextTokens()),
                orEmpty(s.deployments()).stream()
                        .map(d -> new DeploymentSpec(d.provider(), d.providerNamespace(), d.upstreamModel(),
                                or(d.weight(), 1), or(d.priority(), 0), d.maxConcurrent(), d.rpm(), d.tpm()))
                        .sorted(DEPLOYMENT_ORDER).toList()));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        Spec s = Specs.read(declared.spec(), Spec.class);
        Stream<ObjectRef> owner = Stream.ofNullable(declared.ref().namespace())
                .map(org -> ObjectRef.platformWide(ProviderKind.ORGANIZATION, org));
        Stream<ObjectRef> audience = orEmpty(s.audience()).stream().flatMap(a -> a.project() == null
                ? Stream.of(ObjectRef.platformWide(ProviderKind.ORGANIZATION, a.organization()))
                : Stream.of(ObjectRef.platformWide(ProviderKind.ORGANIZATION, a.organization()),
                        new ObjectRef("Project", a.organization(), a.project())));
        Stream<ObjectRef> providers = orEmpty(s.deployments()).stream()
                .map(d -> new ObjectRef(ProviderKind.KIND, d.providerNamespace(), d.provider()));
        Stream<ObjectRef> fallbacks = orEmpty(s.fallbacks()).stream()
                .map(f -> new ObjectRef(KIND, f.namespace(), f.model()));
        return Stream.of(owner, audience, providers, fallbacks).flatMap(refs -> refs).distinct().toList();
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return catalog.load().map(state -> state.models().stream().map(PricedModel::model)
                .flatMap(m -> state.ref(KIND, m.orgId(), m.name()).stream()
                        .map(ref -> new PolicyObject(ref, normalise(spec(state, m)))))
                .toList());
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return catalog.load().flatMap(state -> {
            UUID orgId = state.orgId(declared.ref().namespace());
            ModelDraft draft = draft(state, orgId, declared.ref(), declared.spec());
            return models.create(AccessFactory.platform(actor), draft);
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return catalog.load().flatMap(state -> {
            Model found = state.model(declared.ref()).model();
            ModelDraft draft = draft(state, found.orgId(), declared.ref(), declared.spec());
            return models.update(AccessFactory.platform(actor), found.id(), found.version(), current -> draft);
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return catalog.load().flatMap(state -> {
            Model found = state.model(ref).model();
            return models.delete(AccessFactory.platform(actor), found.id(), found.version());
        });
    }

    /** The declared model with every name resolved to the object it names; 422 for a name of nothing. */
    private ModelDraft draft(CatalogState state, UUID orgId, ObjectRef ref, ObjectNode declared) {
        Spec s = Specs.read(normalise(declared), Spec.class);
        List<Audience> audience = s.audience().stream().map(a -> {
            UUID org = state.tenants().orgId(a.organization());
            return new Audience(org, a.project() == null ? null : state.tenants().projectId(org, a.project()));
        }).toList();
        List<String> fallbacks = s.fallbacks().stream()
                .map(f -> state.referencedModel(f.namespace(), f.model()).model().name()).toList();
        List<DeploymentFields> deployments = new ArrayList<>();
        for (DeploymentSpec d : s.deployments()) {
            if (d.providerNamespace() != null && !d.providerNamespace().equals(ref.namespace())) {
                throw new TollgateException(ErrorKind.UNPROCESSABLE, "A model deploys on platform-wide providers or"
                        + " on its own organisation's, not on providers of '" + d.providerNamespace() + "'");
            }
            UUID providerId = state.referencedProvider(d.providerNamespace(), d.provider()).id();
            deployments.add(new DeploymentFields(providerId.toString(), d.upstreamModel(), d.weight(), d.priority(),
                    d.maxConcurrent(), d.rpm(), d.tpm()));
        }
        CapabilitiesSpec c = s.capabilities();
        return ModelDraft.of(orgId, ref.name(), audience, s.strategy(),
                new RetryPolicy(s.retry().attempts(), s.retry().backoffMs()), fallbacks,
                new Capabilities(c.chat(), c.embeddings(), c.completions(), c.tools(), c.vision(), c.maxContextTokens()),
                deployments);
    }

    private static ObjectNode spec(CatalogState state, Model m) {
        List<AudienceSpec> audience = m.audience().stream().flatMap(a -> state.tenants().orgSlug(a.orgId()).stream()
                .map(org -> new AudienceSpec(org, a.projectId() == null ? null
                        : state.tenants().projectSlug(a.orgId(), a.projectId()).orElse(a.projectId().toString()))))
                .toList();
        List<FallbackSpec> fallbacks = m.fallbacks().stream().map(name -> new FallbackSpec(name,
                state.modelNamed(name).map(f -> state.namespace(f.model().orgId())).orElse(null))).toList();
        List<DeploymentSpec> deployments = m.deployments().stream().map(d -> deployment(state, d)).toList();
        Capabilities c = m.capabilities();
        return Specs.write(new Spec(audience, m.strategy().apiName(),
                new RetrySpec(m.retry().attempts(), m.retry().backoffMs()), fallbacks,
                new CapabilitiesSpec(c.chat(), c.embeddings(), c.completions(), c.tools(), c.vision(), c.maxContextTokens()),
                deployments));
    }

    private static DeploymentSpec deployment(CatalogState state, Deployment d) {
        Optional<Provider> provider = state.providerById(d.providerId());
        return new DeploymentSpec(provider.map(Provider::name).orElse(d.providerId().toString()),
                provider.map(p -> state.namespace(p.orgId())).orElse(null), d.upstreamModel(), d.weight(),
                d.priority(), d.maxConcurrent(), d.rpm(), d.tpm());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T or(T value, T otherwise) {
        return Objects.requireNonNullElse(value, otherwise);
    }
}
