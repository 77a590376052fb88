package io.tollgate.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain AMQP connection to the test broker, for publishing what the application never would. */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    private Broker(Connection connection) throws Exception {
        this.connection = connection;
        this.channel = connection.createChannel();
    }

    public static Broker connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("rabbitmq-virtual-host", String.class));
        return new Broker(factory.newConnection("tollgate-test"));
    }

    public void publish(String exchange, String routingKey, String contentType, byte[] body) throws Exception {
        channel.basicPublish(exchange, routingKey,
                new AMQP.BasicProperties.Builder().contentType(contentType).deliveryMode(2).build(), body);
    }

    /**
     * A private queue that receives a copy of every event with {@code routingKey} from now on (exclusive, deleted
     * with the connection): how a test watches what the application publishes without taking it from its
     * consumers.
     */
    public String tap(String routingKey) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "tollgate.events", routingKey);
        return queue;
    }

    /**
     * Takes messages from {@code queue} until one matches, within {@code timeout}. Messages read on the way are
     * removed: only tests put messages on the queues this is used for (dead-letter queues).
     */
    public Optional<GetResponse> awaitMessage(String queue, Predicate<GetResponse> wanted, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(100);
            } else if (wanted.test(response)) {
                return Optional.of(response);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
