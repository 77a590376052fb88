package io.tollgate.identity.internal.domain;

import java.time.Instant;
import java.util.UUID;

/** An organisation: the tenant that owns projects, members, keys, limits and usage. */
public record Org(UUID id, String slug, String name, OrgStatus status, Instant createdAt, int version) {
}
