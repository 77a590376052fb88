package io.tollgate.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One deployment of a model as the gateway routes to it: the provider (type, base URL, Azure API version,
 * extra headers, timeouts, concurrency cap, encrypted credential or null) and the deployment's own upstream
 * model name, weight, priority tier (0 is tried first) and limits (null when unlimited). {@code prices} is its
 * price schedule: the version in effect when the snapshot was made, then every version already added that
 * starts later, oldest first (empty when unpriced), so a future price takes effect on time without a new snapshot.
 */
public record DeploymentRoute(UUID id, UUID providerId, ProviderType providerType, String baseUrl, String apiVersion,
        Map<String, String> extraHeaders, Timeouts timeouts, Integer providerMaxConcurrent,
        EncryptedCredential credential, String upstreamModel, int weight, int priority, Integer maxConcurrent,
        Integer rpm, Integer tpm, List<DeploymentPrice> prices) {

    public DeploymentRoute {
        prices = prices == null ? List.of() : List.copyOf(prices);
    }

    /** The price in effect at {@code at}, or null when the deployment has none (yet). */
    public DeploymentPrice priceAt(Instant at) {
        for (int i = prices.size() - 1; i >= 0; i--) {
            if (!prices.get(i).effectiveFrom().isAfter(at)) {
                return prices.get(i);
            }
        }
        return null;
    }
}
