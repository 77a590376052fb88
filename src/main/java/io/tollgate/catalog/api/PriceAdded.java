package io.tollgate.catalog.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A price version was added to a model ({@code deploymentId} null) or to one of its deployments. Amounts are
 * per million tokens, as exact decimal strings; {@code cachedInputPer1M} is null when cached input is charged
 * as input. Enough for a consumer to keep its own price history and re-price usage exactly.
 */
@RegisterForReflection
public record PriceAdded(UUID priceId, UUID modelId, String modelName, UUID deploymentId, String inputPer1M,
        String outputPer1M, String cachedInputPer1M, String currency, Instant effectiveFrom, UUID orgId, long revision)
        implements IntegrationEvent {

    public static final String TYPE = "catalog.price-added.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return modelId.toString();
    }
}
