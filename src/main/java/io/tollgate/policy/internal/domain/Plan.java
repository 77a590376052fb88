package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.ObjectRef;
import java.util.List;

/** The steps that bring the platform to the declared state, in the order to apply them, and the drift found. */
public record Plan(List<Change> changes, List<ObjectRef> unchanged, List<Drift> drift) {

    public Plan {
        changes = List.copyOf(changes);
        unchanged = List.copyOf(unchanged);
        drift = List.copyOf(drift);
    }

    public boolean isNoOp() {
        return changes.isEmpty();
    }

    public long count(Action action) {
        return changes.stream().filter(change -> change.action() == action).count();
    }
}
