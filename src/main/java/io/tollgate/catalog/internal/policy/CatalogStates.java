package io.tollgate.catalog.internal.policy;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.platform.web.Actor;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the {@link CatalogState} through the catalog's services, as the platform. */
@ApplicationScoped
class CatalogStates {

    private static final CatalogAccess READER = AccessFactory.platform(Actor.system("policy"));

    private final ProviderService providers;
    private final ModelService models;
    private final TenantDirectory directory;

    CatalogStates(ProviderService providers, ModelService models, TenantDirectory directory) {
        this.providers = providers;
        this.models = models;
        this.directory = directory;
    }

    Uni<CatalogState> load() {
        return directory.tenants().flatMap(tenants -> providers.page(READER, null, Integer.MAX_VALUE)
                .flatMap(live -> models.page(READER, null, Integer.MAX_VALUE)
                        .map(priced -> new CatalogState(tenants, live, priced))));
    }
}
