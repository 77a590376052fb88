package io.tollgate.gateway.internal.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.roles.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes one {@code gateway.usage-recorded.v1} event per finished request (DESIGN.md §4). The gateway has no
 * database for an outbox, so events wait in a bounded in-memory buffer; one publisher thread sends them in
 * batches on its own AMQP channel in confirm mode and takes them out only once the broker confirmed the batch.
 * While the broker is away they stay (and are sent again every {@code usage.retry-interval}); when the buffer is
 * full the oldest is dropped. Depth and drops are metrics ({@code tollgate_usage_buffer_*}), and drops alert.
 *
 * <p>Not the messaging connector used elsewhere: on the hot path its per-message configuration reads, worker
 * hops and reactive pipeline cost about a third of the gateway's CPU (docs/benchmarks.md). Here the request's
 * event loop only appends to a queue; serialisation and I/O happen on the publisher thread.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class UsageEmitter {

    private static final Logger LOG = Logger.getLogger(UsageEmitter.class);
    private static final String EXCHANGE = "tollgate.events";
    private static final int BATCH = 500;
    private static final long CONFIRM_TIMEOUT_MS = 10_000;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ObjectMapper json;
    private final int capacity;
    private final long retryIntervalMs;
    private final ConnectionFactory factory;
    private final ConcurrentLinkedDeque<UsageRecorded> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final Counter dropped;
    private final Thread publisher;
    private volatile boolean running = true;
    private Connection connection;
    private Channel channel;

    public UsageEmitter(ObjectMapper json, GatewayConfig config, MeterRegistry registry,
            @ConfigProperty(name = "rabbitmq-host") String host, @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host") String virtualHost) {
        this.json = json;
        this.capacity = config.usage().bufferCapacity();
        this.retryIntervalMs = config.usage().retryInterval().toMillis();
        this.factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setAutomaticRecoveryEnabled(false); // the publisher loop reconnects, and re-sends what was not confirmed
        Gauge.builder("tollgate.usage.buffer.depth", depth, AtomicInteger::get)
                .description("Usage events waiting for the broker's confirm").register(registry);
        this.dropped = Counter.builder("tollgate.usage.buffer.dropped")
                .description("Usage events dropped because the buffer was full").register(registry);
        this.publisher = Thread.ofPlatform().daemon().name("tollgate-usage-publisher").start(this::publishLoop);
    }

    /** Queues the event; returns at once. */
    public void record(UsageRecorded usage) {
        pending.addLast(usage);
        if (depth.incrementAndGet() > capacity && pending.pollFirst() != null) {
            depth.decrementAndGet();
            dropped.increment();
        }
    }

    /** Events not yet confirmed by the broker. */
    public int depth() {
        return depth.get();
    }

    private void publishLoop() {
        List<UsageRecorded> batch = new ArrayList<>(BATCH);
        while (running) {
            UsageRecorded next;
            while (batch.size() < BATCH && (next = pending.pollFirst()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            try {
                send(batch);
                depth.addAndGet(-batch.size());
            } catch (Exception failure) {
                LOG.warnf("%d usage events not confirmed (%s); retrying in %d ms", batch.size(), failure.getMessage(),
                        retryIntervalMs);
                for (int i = batch.size() - 1; i >= 0; i--) {
                    pending.addFirst(batch.get(i));
                }
                disconnect();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryIntervalMs));
            }
            batch.clear();
        }
    }

    private void send(List<UsageRecorded> batch) throws Exception {
        Channel out = channel();
        for (UsageRecorded usage : batch) {
            byte[] body = CloudEvents.serialize(CloudEvents.build(usage.usageId(), "gateway", UsageRecorded.TYPE,
                    usage.subject(), usage.orgId(), usage.finishedAt().atOffset(ZoneOffset.UTC), bytes(usage)));
            out.basicPublish(EXCHANGE, UsageRecorded.TYPE, new AMQP.BasicProperties.Builder()
                    .messageId(usage.usageId().toString()).contentType(CloudEvents.CONTENT_TYPE).deliveryMode(2).build(), body);
        }
        out.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
    }

    private Channel channel() throws Exception {
        if (channel == null || !channel.isOpen()) {
            disconnect();
            connection = factory.newConnection("tollgate-gateway-usage");
            channel = connection.createChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    private void disconnect() {
        try {
            if (connection != null) {
                connection.abort(1_000);
            }
        } finally {
            connection = null;
            channel = null;
        }
    }

    /** Sends what is left (for a few seconds) before the process ends. */
    @PreDestroy
    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (depth.get() > 0 && connection != null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        running = false;
        publisher.join(2_000);
        disconnect();
    }

    private byte[] bytes(UsageRecorded usage) {
        try {
            return json.writeValueAsBytes(usage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
