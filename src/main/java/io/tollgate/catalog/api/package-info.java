/**
 * What other contexts may use of the catalog: its events; the routing snapshot the gateway routes by
 * ({@link io.tollgate.catalog.api.RoutingSnapshot}, loaded by {@link io.tollgate.catalog.api.RoutingSnapshotReader});
 * and {@link io.tollgate.catalog.api.CredentialDecryptor}, which opens the encrypted provider credentials the
 * snapshot carries.
 */
package io.tollgate.catalog.api;
