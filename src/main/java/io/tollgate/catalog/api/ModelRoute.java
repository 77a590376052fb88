package io.tollgate.catalog.api;

import java.util.List;
import java.util.UUID;

/**
 * A model as the gateway routes it, by its public {@code name}. Owned by an organisation ({@code ownerOrgId})
 * or platform-wide (null); usable by everyone when {@code audience} is empty, else only by the listed
 * organisations and projects.
 */
public record ModelRoute(UUID id, String name, UUID ownerOrgId, List<Audience> audience, RoutingStrategy strategy,
        RetryPolicy retry, List<String> fallbacks, Capabilities capabilities,
        List<DeploymentRoute> deployments) {

    /** Whether a key of {@code org} (and {@code project}, which may be null) may use this model. */
    public boolean usableBy(UUID org, UUID project) {
        if (ownerOrgId != null && !ownerOrgId.equals(org)) {
            return false;
        }
        return audience.isEmpty() || audience.stream().anyMatch(entry -> entry.includes(org, project));
    }
}
