package io.tollgate.quota.internal.domain;

/** A level's limits as projected into Redis for the gateway. */
public record ProjectedLimits(int version, Limits limits) {
}
