package io.tollgate.policy.internal.domain;

/** What a sync does with drift. */
public enum DriftMode {
    /** Put Git's values back (default). */
    RESTORE,
    /** Only record and report it. */
    REPORT
}
