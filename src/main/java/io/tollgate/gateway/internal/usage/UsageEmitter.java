package io.tollgate.gateway.internal.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Publishes one {@code gateway.usage-recorded.v1} event per finished request, after the response, with
 * publisher confirms (DESIGN.md §4). The gateway has no database for an outbox, so an event the broker does not
 * confirm waits in a bounded in-memory buffer and is sent again every {@code usage.retry-interval}; when the
 * buffer is full the oldest event is dropped. Depth and drops are metrics ({@code tollgate_usage_buffer_*}) with
 * an alert on drops: usage lost there is lost for metering.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class UsageEmitter {

    private static final Logger LOG = Logger.getLogger(UsageEmitter.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final int RETRY_BATCH = 1_000;

    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final int capacity;
    private final ConcurrentLinkedDeque<UsageRecorded> unconfirmed = new ConcurrentLinkedDeque<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final Counter dropped;

    public UsageEmitter(EventPublisher publisher, ObjectMapper json, GatewayConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.json = json;
        this.capacity = config.usage().bufferCapacity();
        Gauge.builder("tollgate.usage.buffer.depth", depth, AtomicInteger::get)
                .description("Usage events waiting for the broker's confirm").register(registry);
        this.dropped = Counter.builder("tollgate.usage.buffer.dropped")
                .description("Usage events dropped because the buffer was full").register(registry);
    }

    /** Sends the event; returns at once (the send completes asynchronously). */
    public void record(UsageRecorded usage) {
        send(usage).subscribe().with(sent -> { }, failure -> keep(usage, failure));
    }

    /** Events held for a retry. */
    public int depth() {
        return depth.get();
    }

    @Scheduled(every = "${tollgate.gateway.usage.retry-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retry() {
        List<UsageRecorded> batch = new ArrayList<>();
        UsageRecorded next;
        while (batch.size() < RETRY_BATCH && (next = unconfirmed.pollFirst()) != null) {
            depth.decrementAndGet();
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndMerge(usage -> send(usage)
                        .onFailure().recoverWithItem(failure -> {
                            keep(usage, failure);
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(UsageRecorded usage) {
        return publisher.publish(CloudEvents.build(usage.usageId(), "gateway", UsageRecorded.TYPE, usage.subject(),
                        usage.orgId(), usage.finishedAt().atOffset(ZoneOffset.UTC), bytes(usage)))
                .ifNoItem().after(CONFIRM_TIMEOUT).fail();
    }

    private void keep(UsageRecorded usage, Throwable failure) {
        unconfirmed.addLast(usage);
        if (depth.incrementAndGet() > capacity && unconfirmed.pollFirst() != null) {
            depth.decrementAndGet();
            dropped.increment();
        }
        LOG.debugf("Usage event %s not confirmed (%s); kept for a retry", usage.usageId(), failure.getMessage());
    }

    private byte[] bytes(UsageRecorded usage) {
        try {
            return json.writeValueAsBytes(usage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
