package io.tollgate.catalog.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.RedisSnapshotSource;
import io.tollgate.catalog.api.RoutingSnapshotReader;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gives the gateway role its {@link RoutingSnapshotReader} (inject it) and refreshes it from Redis every
 * {@code tollgate.catalog.snapshot.refresh-interval}.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class GatewaySnapshotFeed {

    private final RoutingSnapshotReader reader;

    public GatewaySnapshotFeed(RedisAPI redis, ObjectMapper json) {
        this.reader = new RoutingSnapshotReader(new RedisSnapshotSource(redis), json);
    }

    @Produces
    @Singleton
    RoutingSnapshotReader reader() {
        return reader;
    }

    void loadAtStart(@Observes StartupEvent start) {
        reader.refresh().subscribe().with(swapped -> { }, failure -> { });
    }

    @Scheduled(every = "${tollgate.catalog.snapshot.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reader.refresh().replaceWithVoid();
    }
}
