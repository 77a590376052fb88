package io.tollgate.catalog.api;

/**
 * Where the routing snapshot lives in Redis: each version under {@code tg:catalog:snapshot:<version>} (JSON,
 * with a TTL), and {@code tg:catalog:snapshot:current} holding the version in force (no TTL: a pointer the
 * worker rewrites on every change and at start).
 */
public final class RoutingSnapshotKeys {

    public static final String CURRENT = "tg:catalog:snapshot:current";
    private static final String VERSION_PREFIX = "tg:catalog:snapshot:";

    private RoutingSnapshotKeys() {
    }

    public static String version(long version) {
        return VERSION_PREFIX + version;
    }
}
