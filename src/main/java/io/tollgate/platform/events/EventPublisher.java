package io.tollgate.platform.events;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes CloudEvents to the {@code tollgate.events} topic exchange with publisher confirms: the returned
 * {@link Uni} completes when the broker has confirmed the message and fails when it has not.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";

    private final MutinyEmitter<byte[]> emitter;

    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(CloudEvent event) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(CloudEvents.routingKey(event))
                .withMessageId(event.getId())
                .withContentType(CloudEvents.CONTENT_TYPE)
                .withDeliveryMode(2)
                .build();
        return emitter.sendMessage(Message.of(CloudEvents.serialize(event), Metadata.of(metadata)));
    }
}
