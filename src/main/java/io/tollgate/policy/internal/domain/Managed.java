package io.tollgate.policy.internal.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.policy.api.ObjectRef;
import java.time.Instant;

/** An object Git created or adopted, as the inventory remembers it: the spec and commit last applied. */
public record Managed(ObjectRef ref, String sourceCommit, ObjectNode appliedSpec, Instant appliedAt) {

    /** Always {@code git}: the inventory holds only objects Git manages. */
    public static final String MANAGED_BY = "git";
}
