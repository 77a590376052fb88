package io.tollgate.metering.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Metering's outbox (the spend feed), published where the ledger is written: in the worker role. */
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
class MeteringOutboxSource {

    @Produces
    @Singleton
    OutboxSource meteringOutbox(@ReactiveDataSource("metering") Pool metering) {
        return new OutboxSource("metering", metering);
    }
}
