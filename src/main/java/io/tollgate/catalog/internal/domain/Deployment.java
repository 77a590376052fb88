package io.tollgate.catalog.internal.domain;

import java.util.UUID;

/**
 * One way to serve a model: a provider and the model's name there, its weight within its priority tier (tier
 * 0 is tried first), and its own limits (null when unlimited).
 */
public record Deployment(UUID id, UUID providerId, String upstreamModel, int weight, int priority,
        Integer maxConcurrent, Integer rpm, Integer tpm) {
}
