package io.tollgate.identity.internal.domain;

/** Whether an organisation's members and keys may act. */
public enum OrgStatus {
    ACTIVE, SUSPENDED
}
