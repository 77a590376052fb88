package io.tollgate.catalog.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the gateway needs to route, at one catalog revision ({@code version}, increasing with every
 * change): the live models by name. Written to Redis by the worker, read by {@link RoutingSnapshotReader}.
 */
public record RoutingSnapshot(long version, Instant generatedAt, Map<String, ModelRoute> models) {

    /** The model a caller of {@code org}/{@code project} asked for; empty when unknown or not theirs. */
    public Optional<ModelRoute> route(String name, UUID org, UUID project) {
        ModelRoute model = models.get(name);
        return model != null && model.usableBy(org, project) ? Optional.of(model) : Optional.empty();
    }
}
