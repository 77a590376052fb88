package io.tollgate.catalog.api;

/** How often the gateway tries a model's deployments before the first byte, and the backoff between tries (doubling). */
public record RetryPolicy(int attempts, int backoffMs) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(2, 200);
}
