package io.tollgate.catalog.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;

/** Reads the routing snapshot from Redis under {@link RoutingSnapshotKeys}. */
public final class RedisSnapshotSource implements SnapshotSource {

    private final RedisAPI redis;

    public RedisSnapshotSource(RedisAPI redis) {
        this.redis = redis;
    }

    @Override
    public Uni<String> currentVersion() {
        return redis.get(RoutingSnapshotKeys.CURRENT).map(RedisSnapshotSource::text);
    }

    @Override
    public Uni<String> snapshotJson(String version) {
        return redis.get(RoutingSnapshotKeys.version(Long.parseLong(version))).map(RedisSnapshotSource::text);
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }
}
