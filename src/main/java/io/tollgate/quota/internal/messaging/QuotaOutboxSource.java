package io.tollgate.quota.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The quota outbox, published where definitions are written: in the management role. */
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
class QuotaOutboxSource {

    @Produces
    @Singleton
    OutboxSource quotaOutbox(@ReactiveDataSource("quota") Pool quota) {
        return new OutboxSource("quota", quota);
    }
}
