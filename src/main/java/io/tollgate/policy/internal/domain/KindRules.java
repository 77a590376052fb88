package io.tollgate.policy.internal.domain;

/** What the planner needs to know of the kinds: their order and whether objects deleted from Git are deleted. */
public interface KindRules {

    /** Lower ranks are applied first and deleted last. */
    int rank(String kind);

    /** Whether the kind is prunable and pruning is enabled for it. */
    boolean prunes(String kind);
}
