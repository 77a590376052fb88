package io.tollgate.policy.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.tollgate.platform.outbox.OutboxSource;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The policy outbox (sync and drift events for the audit trail), published where syncs run: in the worker role. */
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
class PolicyOutboxSource {

    @Produces
    @Singleton
    OutboxSource policyOutbox(@ReactiveDataSource("policy") Pool policy) {
        return new OutboxSource("policy", policy);
    }
}
