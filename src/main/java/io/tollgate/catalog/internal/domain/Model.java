package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.api.RoutingStrategy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A model clients ask for by {@code name}: platform-wide ({@code orgId} null) or owned by an organisation,
 * usable by everyone or only by its {@code audience}; served by its deployments. {@code version} is the ETag.
 */
public record Model(UUID id, UUID orgId, String name, List<Audience> audience, RoutingStrategy strategy,
        RetryPolicy retry, List<String> fallbacks, Capabilities capabilities, List<Deployment> deployments,
        int version, Instant createdAt, Instant updatedAt) {
}
