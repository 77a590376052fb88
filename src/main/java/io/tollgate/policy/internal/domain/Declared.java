package io.tollgate.policy.internal.domain;

import io.tollgate.policy.api.PolicyObject;

/** An object as a document declares it (spec normalised by its kind), with where the document starts. */
public record Declared(PolicyObject object, Location location) {
}
