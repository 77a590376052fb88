package io.tollgate.platform.events;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes CloudEvents to the {@code tollgate.events} topic exchange with publisher confirms: the returned
 * {@link Uni} completes when the broker has confirmed the message and fails when it has not, or when no confirm
 * came within {@code tollgate.events.confirm-timeout}. The bound matters after a lost connection: the RabbitMQ
 * client forgets the messages that awaited a confirm when it reconnects, and the caller (an outbox relay's
 * transaction) would wait for ever. A caller that sees the failure publishes again; consumers deduplicate.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";

    private final MutinyEmitter<byte[]> emitter;
    private final Duration confirmTimeout;

    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "tollgate.events.confirm-timeout") Duration confirmTimeout) {
        this.emitter = emitter;
        this.confirmTimeout = confirmTimeout;
    }

    public Uni<Void> publish(CloudEvent event) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(CloudEvents.routingKey(event))
                .withMessageId(event.getId())
                .withContentType(CloudEvents.CONTENT_TYPE)
                .withDeliveryMode(2)
                .build();
        return emitter.sendMessage(Message.of(CloudEvents.serialize(event), Metadata.of(metadata)))
                .ifNoItem().after(confirmTimeout)
                .failWith(() -> new TimeoutException("no confirm from the broker within " + confirmTimeout));
    }
}
