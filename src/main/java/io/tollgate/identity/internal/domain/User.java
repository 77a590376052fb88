package io.tollgate.identity.internal.domain;

import java.time.Instant;
import java.util.UUID;

/** A person who can log in. The password hash never leaves the identity context. */
public record User(UUID id, String email, String displayName, UserStatus status, boolean superadmin, Instant createdAt) {
}
