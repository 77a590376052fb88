package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import java.util.List;

/**
 * What the planner needs to know of the kinds: their order, what each object needs, and whether objects deleted
 * from Git are deleted.
 */
public interface KindRules {

    /** Lower ranks are applied first and deleted last. */
    int rank(String kind);

    /** Whether the kind is prunable and pruning is enabled for it. */
    boolean prunes(String kind);

    /** The objects this one needs (see {@code PolicyKind.dependencies}); within a rank they are applied first. */
    List<ObjectRef> dependencies(PolicyObject object);
}
