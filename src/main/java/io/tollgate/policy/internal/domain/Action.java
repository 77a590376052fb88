package io.tollgate.policy.internal.domain;

/** What applying a plan does to one object. */
public enum Action {
    /** Declared in Git, absent from the platform. */
    CREATE,
    /** Declared in Git, present on the platform with other values in managed fields. */
    UPDATE,
    /** Applied from Git before, deleted from Git now, and its kind is pruned: deleted from the platform. */
    DELETE,
    /** Applied from Git before, deleted from Git now, its kind not pruned: left in place and no longer managed. */
    RELEASE
}
