package io.tollgate.policy.internal.domain;

import java.util.Locale;

/** Where a sync run stands, or how it ended. */
public enum Outcome {
    /** Asked for through the API; a worker has not taken it yet. */
    REQUESTED,
    RUNNING,
    /** Changes were applied. */
    APPLIED,
    /** Nothing to change: the platform matched Git. */
    UNCHANGED,
    /** The documents were invalid: nothing was applied. */
    INVALID,
    /** Fetching, observing or applying failed; changes before the failure stay applied. */
    FAILED,
    /** Another reconciler held the lease: this one did nothing (not recorded as a run). */
    SKIPPED,
    /** Nothing was requested and the interval had not passed (not recorded as a run). */
    IDLE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
