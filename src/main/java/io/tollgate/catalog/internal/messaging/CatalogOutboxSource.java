package io.tollgate.catalog.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The catalog's outbox, published where the catalog is written: in the management role. */
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
class CatalogOutboxSource {

    @Produces
    @Singleton
    OutboxSource catalogOutbox(@ReactiveDataSource("catalog") Pool catalog) {
        return new OutboxSource("catalog", catalog);
    }
}
