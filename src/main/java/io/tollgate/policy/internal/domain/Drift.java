package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.ObjectRef;
import java.util.List;

/**
 * A Git-managed object whose platform state no longer matches what Git last applied although Git has not changed it:
 * someone changed it through the API. Fields go from Git's value to the platform's; {@code deleted} when the object
 * is gone altogether.
 */
public record Drift(ObjectRef ref, List<FieldChange> fields, boolean deleted) {

    public Drift {
        fields = List.copyOf(fields);
    }
}
