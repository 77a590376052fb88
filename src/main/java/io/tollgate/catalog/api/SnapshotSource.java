package io.tollgate.catalog.api;

import io.smallrye.mutiny.Uni;

/** Where {@link RoutingSnapshotReader} reads from: the version in force, and a version's JSON (null when absent). */
public interface SnapshotSource {

    Uni<String> currentVersion();

    Uni<String> snapshotJson(String version);
}
