package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders changes so that every change comes after the changes of the objects it needs (a model after the model it
 * falls back to, even within one rank), keeping the given order otherwise. Ranks alone cannot do it: objects of
 * one kind may need each other. The set has already been checked, so a cycle cannot stop it: an object met again
 * while its own dependencies are being placed is simply left where the walk finds it.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    static List<Change> dependenciesFirst(List<Change> changes, Function<Change, List<ObjectRef>> needs) {
        Map<ObjectRef, Change> byRef = new LinkedHashMap<>();
        changes.forEach(change -> byRef.put(change.ref(), change));
        List<Change> ordered = new ArrayList<>(changes.size());
        Set<ObjectRef> visited = new HashSet<>();
        for (Change change : changes) {
            place(change, byRef, needs, visited, ordered);
        }
        return ordered;
    }

    private static void place(Change change, Map<ObjectRef, Change> byRef, Function<Change, List<ObjectRef>> needs,
            Set<ObjectRef> visited, List<Change> ordered) {
        if (!visited.add(change.ref())) {
            return;
        }
        for (ObjectRef needed : needs.apply(change)) {
            Change first = byRef.get(needed);
            if (first != null) {
                place(first, byRef, needs, visited, ordered);
            }
        }
        ordered.add(change);
    }
}
