package io.tollgate.identity.internal.domain;

/** Whether a user may log in. */
public enum UserStatus {
    ACTIVE, DISABLED
}
