package io.tollgate.platform.outbox;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.tollgate.platform.events.CloudEvents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's effect at most once per event: decode the CloudEvent, claim it in the inbox and apply the
 * effect in one transaction, then acknowledge. A failed effect is negatively acknowledged and requeued, up to
 * the queue's delivery limit, after which the broker dead-letters it; a message that is not a CloudEvent goes
 * to the dead-letter queue at once.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final Inbox inbox;
    private final MeterRegistry metrics;

    public IdempotentConsumer(Inbox inbox, MeterRegistry metrics) {
        this.inbox = inbox;
        this.metrics = metrics;
    }

    public Uni<Void> consume(Message<?> message, String consumer, Pool pool,
            BiFunction<SqlClient, CloudEvent, Uni<Void>> effect) {
        CloudEvent event;
        try {
            event = CloudEvents.deserialize(bytes(message.getPayload()));
        } catch (RuntimeException e) { // whatever the SDK throws for a body that is not a CloudEvent
            LOG.warnf("%s: dead-lettering a message that is not a CloudEvent: %s", consumer, e.getMessage());
            count(consumer, "poison");
            return Uni.createFrom().completionStage(message.nack(e, Metadata.of(new RabbitMQRejectMetadata(false))));
        }
        return pool.withTransaction(tx -> inbox.claim(tx, consumer, event.getId())
                .flatMap(first -> first ? effect.apply(tx, event).replaceWith(true) : Uni.createFrom().item(false)))
                .invoke(first -> count(consumer, first ? "applied" : "duplicate"))
                .flatMap(first -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "%s: event %s failed; it will be retried up to the delivery limit", consumer,
                            event.getId());
                    count(consumer, "failed");
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    private void count(String consumer, String outcome) {
        metrics.counter("tollgate_events_consumed_total", "consumer", consumer, "outcome", outcome).increment();
    }

    private static byte[] bytes(Object payload) {
        return switch (payload) {
            case byte[] raw -> raw;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case io.vertx.core.buffer.Buffer buffer -> buffer.getBytes();
            case null -> throw new IllegalArgumentException("empty message");
            default -> payload.toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
