package io.tollgate.keys.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The keys outbox, published where keys are written: in the management role. */
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
class KeysOutboxSource {

    @Produces
    @Singleton
    OutboxSource keysOutbox(@ReactiveDataSource("keys") Pool keys) {
        return new OutboxSource("keys", keys);
    }
}
