package io.tollgate.identity.internal.domain;

import java.time.Instant;
import java.util.UUID;

/** A project: a group of keys and limits inside an organisation. */
public record Project(UUID id, UUID orgId, String slug, String name, Instant createdAt) {
}
