package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that hold only for the documents as a whole: each object once, namespaces as the kind's scope asks, and
 * every object's dependencies declared or already on the platform.
 */
public final class SetRules {

    private SetRules() {
    }

    /** Duplicates and namespaces; {@code scopes} gives each kind's scope. */
    public static List<DocumentError> checkNames(List<Declared> declared, Function<String, Scope> scopes) {
        List<DocumentError> errors = new ArrayList<>();
        Map<ObjectRef, Location> seen = new HashMap<>();
        for (Declared d : declared) {
            ObjectRef ref = d.object().ref();
            Location first = seen.putIfAbsent(ref, d.location());
            if (first != null) {
                errors.add(error(d, ref + " is already declared at " + first.file() + ":" + first.line()));
            }
            Scope scope = scopes.apply(ref.kind());
            if (scope == Scope.PLATFORM && ref.namespace() != null) {
                errors.add(error(d, ref.kind() + " is platform-wide: metadata.namespace must be absent"));
            } else if (scope == Scope.ORGANISATION && ref.namespace() == null) {
                errors.add(error(d, ref.kind() + " belongs to an organisation: metadata.namespace must name its slug"));
            }
        }
        return errors;
    }

    /** Dependencies that are neither declared nor among {@code existing} (the platform's objects). */
    public static List<DocumentError> checkDependencies(List<Declared> declared,
            Function<PolicyObject, List<ObjectRef>> dependencies, Set<ObjectRef> existing) {
        Set<ObjectRef> available = new HashSet<>(existing);
        declared.forEach(d -> available.add(d.object().ref()));
        List<DocumentError> errors = new ArrayList<>();
        for (Declared d : declared) {
            for (ObjectRef needed : dependencies.apply(d.object())) {
                if (!available.contains(needed)) {
                    errors.add(error(d, "needs " + needed + ", which is neither declared nor on the platform"));
                }
            }
        }
        return errors;
    }

    private static DocumentError error(Declared d, String reason) {
        return DocumentError.at(d.location(), d.object().ref().kind(), d.object().ref().name(), reason);
    }
}
