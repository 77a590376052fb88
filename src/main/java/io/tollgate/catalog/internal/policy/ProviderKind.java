package io.tollgate.catalog.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code Provider}: platform-wide without a namespace, an organisation's with one; {@code metadata.name} is the
 * provider's name. The spec holds every field but the credential, which is set through the API and kept by every
 * update from Git. The type cannot change (the API cannot change it either): replace the provider instead.
 */
@ApplicationScoped
public class ProviderKind implements PolicyKind {

    static final String KIND = "Provider";
    static final String ORGANIZATION = "Organization";

    @RegisterForReflection
    record Spec(String type, String baseUrl, String apiVersion, Map<String, String> extraHeaders,
            TimeoutsSpec timeouts, Integer maxConcurrent) {
    }

    /** Timeouts in milliseconds; missing ones take the defaults. */
    @RegisterForReflection
    record TimeoutsSpec(Integer connectMs, Integer firstByteMs, Integer idleMs, Integer totalMs) {
        Timeouts filled() {
            Timeouts d = Timeouts.DEFAULT;
            return new Timeouts(connectMs == null ? d.connectMs() : connectMs,
                    firstByteMs == null ? d.firstByteMs() : firstByteMs, idleMs == null ? d.idleMs() : idleMs,
                    totalMs == null ? d.totalMs() : totalMs);
        }

        static TimeoutsSpec of(Timeouts t) {
            return new TimeoutsSpec(t.connectMs(), t.firstByteMs(), t.idleMs(), t.totalMs());
        }
    }

    private final ProviderService providers;
    private final CatalogStates catalog;

    public ProviderKind(ProviderService providers, CatalogStates catalog) {
        this.providers = providers;
        this.catalog = catalog;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 40, Scope.EITHER, true);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        Spec declared = Specs.read(spec, Spec.class);
        Timeouts timeouts = (declared.timeouts() == null ? new TimeoutsSpec(null, null, null, null) : declared.timeouts()).filled();
        return Specs.write(new Spec(declared.type(), baseUrl(declared.baseUrl()), declared.apiVersion(),
                new TreeMap<>(declared.extraHeaders() == null ? Map.of() : declared.extraHeaders()),
                TimeoutsSpec.of(timeouts), declared.maxConcurrent()));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        String org = declared.ref().namespace();
        return org == null ? List.of() : List.of(ObjectRef.platformWide(ORGANIZATION, org));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return catalog.load().map(state -> state.providers().stream()
                .flatMap(p -> state.ref(KIND, p.orgId(), p.name()).stream().map(ref -> new PolicyObject(ref, spec(p))))
                .toList());
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return catalog.load().flatMap(state -> {
            Spec spec = Specs.read(normalise(declared.spec()), Spec.class);
            UUID orgId = state.orgId(declared.ref().namespace());
            return providers.create(AccessFactory.platform(actor), draft(orgId, declared.ref().name(), spec));
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return catalog.load().flatMap(state -> {
            Spec spec = Specs.read(normalise(declared.spec()), Spec.class);
            Provider found = state.provider(declared.ref());
            return providers.update(AccessFactory.platform(actor), found.id(), found.version(), current -> {
                if (!current.type().apiName().equals(spec.type())) {
                    throw TollgateException.conflict("A provider's type cannot change (it is "
                            + current.type().apiName() + "); declare a new provider and move the models to it");
                }
                return draft(current.orgId(), current.name(), spec);
            });
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return catalog.load().flatMap(state -> {
            Provider found = state.provider(ref);
            return providers.delete(AccessFactory.platform(actor), found.id(), found.version());
        });
    }

    private static ProviderDraft draft(UUID orgId, String name, Spec spec) {
        return ProviderDraft.declared(orgId, name, spec.type(), spec.baseUrl(), spec.apiVersion(), spec.extraHeaders(),
                spec.timeouts().filled(), spec.maxConcurrent());
    }

    private static ObjectNode spec(Provider p) {
        return Specs.write(new Spec(p.type().apiName(), p.baseUrl(), p.apiVersion(), new TreeMap<>(p.extraHeaders()),
                TimeoutsSpec.of(p.timeouts()), p.maxConcurrent()));
    }

    /** The base URL as the catalog stores it: trimmed, without trailing slashes; absent when blank. */
    private static String baseUrl(String url) {
        String trimmed = url == null ? null : url.strip();
        return trimmed == null || trimmed.isEmpty() ? null : trimmed.replaceAll("/+$", "");
    }
}
