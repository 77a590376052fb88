package io.tollgate.catalog.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.RoutingSnapshotKeys;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Writes routing snapshots to Redis: the version's JSON first (with a TTL), then the pointer
 * {@code tg:catalog:snapshot:current}, moved by a script only forward, so that a slow worker that built an
 * older revision can never replace a newer snapshot. Readers follow the pointer: a swap is one key write.
 * A pointer above the catalog's latest revision cannot come from this catalog (its database was restored or
 * recreated): it is replaced, or the gateway would keep an orphan until its TTL and then have no routes.
 */
@ApplicationScoped
public class SnapshotStore {

    private static final String ADVANCE_POINTER = """
            local held = redis.call('GET', KEYS[1])
            if held == false or tonumber(held) < tonumber(ARGV[1]) or tonumber(held) > tonumber(ARGV[2]) then
              redis.call('SET', KEYS[1], ARGV[1])
              return 1
            end
            return 0""";

    private final RedisAPI redis;

    public SnapshotStore(RedisAPI redis) {
        this.redis = redis;
    }

    /** The version the pointer names, or -1 when there is none. */
    public Uni<Long> currentVersion() {
        return redis.get(RoutingSnapshotKeys.CURRENT)
                .map(response -> response == null ? -1L : Long.parseLong(response.toString()));
    }

    /**
     * Stores {@code json} as {@code version} and points readers at it unless they already follow a later version
     * that is at most {@code latest}, the catalog's latest revision; emits whether the pointer moved.
     */
    public Uni<Boolean> publish(long version, long latest, String json, Duration ttl) {
        return redis.set(List.of(RoutingSnapshotKeys.version(version), json, "EX", String.valueOf(ttl.toSeconds())))
                .flatMap(stored -> redis.eval(List.of(ADVANCE_POINTER, "1", RoutingSnapshotKeys.CURRENT,
                        String.valueOf(version), String.valueOf(latest))))
                .map(SnapshotStore::isOne);
    }

    private static boolean isOne(Response response) {
        return response != null && response.toInteger() == 1;
    }
}
