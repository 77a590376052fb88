package io.tollgate.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    /**
     * A confirm the RabbitMQ client forgot (it drops unconfirmed messages when it reconnects) must not leave the
     * caller, an outbox relay's transaction, waiting for ever.
     */
    @Test
    @SuppressWarnings("unchecked")
    void publishWithoutAConfirmFailsAfterTheConfirmTimeout() {
        MutinyEmitter<byte[]> confirmNeverComes = (MutinyEmitter<byte[]>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        return Uni.createFrom().nothing();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        EventPublisher publisher = new EventPublisher(confirmNeverComes, Duration.ofMillis(200));

        assertThatThrownBy(() -> publisher.publish(CloudEvents.build(Ids.newId(), "test", "test.thing-happened.v1",
                "thing", null, OffsetDateTime.now(), "{}".getBytes(StandardCharsets.UTF_8)))
                .await().atMost(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(TimeoutException.class).hasRootCauseMessage("no confirm from the broker within PT0.2S");
    }
}
