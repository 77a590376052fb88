package io.tollgate.catalog.internal.domain;

/**
 * A requested deployment; {@code provider} is a provider's id or name, resolved against the providers the
 * model may use by the application layer.
 */
public record DeploymentDraft(String provider, String upstreamModel, int weight, int priority, Integer maxConcurrent,
        Integer rpm, Integer tpm) {
}
