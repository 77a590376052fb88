package io.tollgate.catalog.api;

import java.util.Map;
import java.util.UUID;

/**
 * One deployment of a model as the gateway routes to it: the provider (type, base URL, Azure API version,
 * extra headers, timeouts, concurrency cap, encrypted credential or null) and the deployment's own upstream
 * model name, weight, priority tier (0 is tried first) and limits (null when unlimited).
 */
public record DeploymentRoute(UUID id, UUID providerId, ProviderType providerType, String baseUrl, String apiVersion,
        Map<String, String> extraHeaders, Timeouts timeouts, Integer providerMaxConcurrent,
        EncryptedCredential credential, String upstreamModel, int weight, int priority, Integer maxConcurrent,
        Integer rpm, Integer tpm) {
}
