package io.tollgate.catalog.internal.policy;

import io.tollgate.catalog.internal.domain.PricedModel;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.identity.api.Tenants;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.policy.api.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog as Git names it, read once per call: live providers and models with the organisations that own
 * them. Resolves names to objects (a missing object the document refers to answers 422, one the reconciler
 * addresses 404) and objects back to names.
 */
record CatalogState(Tenants tenants, List<Provider> providers, List<PricedModel> models) {

    /** The owning organisation's id; null for a platform-wide object; 422 for a slug of no organisation. */
    UUID orgId(String namespace) {
        return namespace == null ? null : tenants.orgId(namespace);
    }

    /** The object's name in Git; empty when its organisation no longer exists (Git cannot name it). */
    Optional<ObjectRef> ref(String kind, UUID orgId, String name) {
        return orgId == null ? Optional.of(ObjectRef.platformWide(kind, name))
                : tenants.orgSlug(orgId).map(slug -> new ObjectRef(kind, slug, name));
    }

    /** The namespace of an organisation that exists, or null for the platform. */
    String namespace(UUID orgId) {
        return orgId == null ? null : tenants.orgSlug(orgId).orElse(null);
    }

    Provider provider(ObjectRef ref) {
        return findProvider(ref.namespace(), ref.name())
                .orElseThrow(() -> TollgateException.notFound("Provider " + ref));
    }

    /** The provider a document refers to; 422 when there is none. */
    Provider referencedProvider(String namespace, String name) {
        return findProvider(namespace, name).orElseThrow(() -> missing("provider", namespace, name));
    }

    PricedModel model(ObjectRef ref) {
        return findModel(ref.namespace(), ref.name()).orElseThrow(() -> TollgateException.notFound("Model " + ref));
    }

    /** The model a document refers to; 422 when there is none. */
    PricedModel referencedModel(String namespace, String name) {
        return findModel(namespace, name).orElseThrow(() -> missing("model", namespace, name));
    }

    Optional<Provider> providerById(UUID id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    Optional<PricedModel> modelNamed(String name) {
        return models.stream().filter(m -> m.model().name().equals(name)).findFirst();
    }

    private Optional<Provider> findProvider(String namespace, String name) {
        UUID orgId = orgId(namespace);
        return providers.stream().filter(p -> Objects.equals(p.orgId(), orgId) && p.name().equals(name)).findFirst();
    }

    private Optional<PricedModel> findModel(String namespace, String name) {
        UUID orgId = orgId(namespace);
        return models.stream().filter(m -> Objects.equals(m.model().orgId(), orgId) && m.model().name().equals(name))
                .findFirst();
    }

    private static TollgateException missing(String what, String namespace, String name) {
        return new TollgateException(ErrorKind.UNPROCESSABLE, "There is no " + what + " '" + name + "' "
                + (namespace == null ? "platform-wide" : "in organisation '" + namespace + "'"));
    }
}
