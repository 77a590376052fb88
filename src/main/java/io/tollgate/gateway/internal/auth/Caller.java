package io.tollgate.gateway.internal.auth;

import java.util.UUID;

/** Who is calling {@code /v1}: the key and where it belongs. */
public record Caller(UUID keyId, UUID orgId, UUID projectId) {
}
