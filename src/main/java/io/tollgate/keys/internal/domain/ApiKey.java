package io.tollgate.keys.internal.domain;

import io.tollgate.platform.security.OrgRole;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as stored: never its secret. {@code grantorRole} is the role of whoever created it, which bounds
 * what its management scopes allow.
 */
public record ApiKey(UUID id, UUID orgId, UUID projectId, String name, String displayPrefix, Set<Scope> scopes,
        OrgRole grantorRole, String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt,
        Instant lastUsedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return usableAt(now) ? "active" : "expired";
    }
}
