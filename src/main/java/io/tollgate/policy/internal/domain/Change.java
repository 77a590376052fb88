package io.tollgate.policy.internal.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.policy.api.ObjectRef;
import java.util.List;

/**
 * One step of a plan: the object, the declared spec to apply (null for a delete or release), the fields that change
 * (from the platform's value to Git's) and whether the step restores drift rather than carrying a change from Git.
 */
public record Change(Action action, ObjectRef ref, ObjectNode spec, List<FieldChange> fields, boolean restoresDrift) {

    public Change {
        fields = List.copyOf(fields);
    }
}
