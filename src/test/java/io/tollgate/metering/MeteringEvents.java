package io.tollgate.metering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Outcome;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Publishes what the gateway and the catalog publish, as they do: usage events with their usage id as the
 * CloudEvent id, price events as the catalog's relay would.
 */
final class MeteringEvents {

    private final EventPublisher publisher;
    private final ObjectMapper json;

    MeteringEvents(EventPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    static UsageRecorded usage(UUID orgId, UUID projectId, UUID keyId, String model, UUID deploymentId,
            Tokens tokens, Instant startedAt) {
        return new UsageRecorded(Ids.newId(), "req-" + UUID.randomUUID(), orgId, projectId, keyId, model,
                "/v1/chat/completions", false, deploymentId, deploymentId == null ? null : UUID.randomUUID(),
                deploymentId == null ? null : "openai", deploymentId == null ? null : model + "-upstream", tokens,
                false, Outcome.OK, 200, null, 120L, 900, startedAt, startedAt.plusMillis(900));
    }

    static PriceAdded price(String model, UUID deploymentId, String input, String output, String cachedInput,
            Instant effectiveFrom) {
        return new PriceAdded(Ids.newId(), UUID.nameUUIDFromBytes(model.getBytes()), model, deploymentId, input, output,
                cachedInput, "USD", effectiveFrom, null, 1);
    }

    void publish(UsageRecorded usage) {
        publisher.publish(envelope(usage.usageId(), "gateway", usage)).await().indefinitely();
    }

    void publish(PriceAdded price) {
        publisher.publish(envelope(Ids.newId(), "catalog", price)).await().indefinitely();
    }

    CloudEvent envelope(UUID id, String context, IntegrationEvent event) {
        try {
            return CloudEvents.build(id, context, event.eventType(), event.subject(), event.orgId(),
                    Instant.now().atOffset(ZoneOffset.UTC), json.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
