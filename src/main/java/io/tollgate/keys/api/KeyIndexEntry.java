package io.tollgate.keys.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the gateway finds in Redis under {@link #redisKey(String)} for a usable secret: whose key it is and what
 * it may do. Only usable secrets are in the index (active key, active organisation, secret not expired), so
 * absence means 401; {@code expiresAt} lets the gateway refuse a secret whose entry has not expired yet.
 */
@RegisterForReflection
public record KeyIndexEntry(UUID keyId, UUID orgId, UUID projectId, List<String> scopes, Instant expiresAt) {

    public static final String PREFIX = "tg:keys:";

    /** The Redis key of a secret, by the hex SHA-256 of the secret. */
    public static String redisKey(String sha256Hex) {
        return PREFIX + sha256Hex;
    }

    public boolean allows(String scope) {
        return scopes.contains(scope);
    }
}
