package io.tollgate.policy.internal.domain;

/** Where something was declared: a file relative to the policy root and a 1-based line (null when the source has no lines, e.g. a JSON request body). */
public record Location(String file, Integer line) {
}
