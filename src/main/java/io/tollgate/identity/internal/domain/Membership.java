package io.tollgate.identity.internal.domain;

import io.tollgate.platform.security.OrgRole;
import java.time.Instant;
import java.util.UUID;

/** A user's role in an organisation. */
public record Membership(UUID orgId, UUID userId, String email, String displayName, OrgRole role, Instant createdAt,
        int version) {
}
