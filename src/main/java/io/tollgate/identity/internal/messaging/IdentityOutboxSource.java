package io.tollgate.identity.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Identity's outbox, published where identity is written: in the management role. */
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
class IdentityOutboxSource {

    @Produces
    @Singleton
    OutboxSource identityOutbox(@ReactiveDataSource("identity") Pool identity) {
        return new OutboxSource("identity", identity);
    }
}
