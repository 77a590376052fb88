package io.tollgate.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.MountableFile;

/**
 * Points every {@code @QuarkusTest} at real PostgreSQL, Redis and RabbitMQ (never mocks; ADR 0006).
 *
 * <p>{@code TOLLGATE_TEST_SERVICES} chooses: {@code local} uses the services on 127.0.0.1, as
 * {@code scripts/services-up} leaves them; {@code containers} starts them with Testcontainers; {@code auto}
 * (the default) takes containers where a Docker engine answers and the local services elsewhere.
 */
@QuarkusTestResource(value = TestServices.class, restrictToAnnotatedClass = false)
public class TestServices implements QuarkusTestResourceLifecycleManager {

    /** The context roles' password inside a throw-away container. */
    private static final String CONTEXT_DB_PASSWORD = "tollgate-container";

    private static Containers containers;

    @Override
    public synchronized Map<String, String> start() {
        String mode = System.getenv().getOrDefault("TOLLGATE_TEST_SERVICES", "auto");
        boolean useContainers = switch (mode) {
            case "containers" -> true;
            case "local" -> false;
            case "auto" -> dockerAnswers();
            default -> throw new IllegalStateException("TOLLGATE_TEST_SERVICES must be local, containers or auto, not " + mode);
        };
        Map<String, String> config = new HashMap<>(TestKeys.config());
        if (!useContainers) {
            requireLocal("PostgreSQL", 5432);
            requireLocal("Redis", 6379);
            requireLocal("RabbitMQ", 5672);
            return config;
        }
        if (containers == null) {
            containers = Containers.start();
        }
        config.putAll(containers.config());
        return config;
    }

    @Override
    public void stop() {
        // Containers are shared by every test profile of the run; Testcontainers' reaper removes them at exit.
    }

    private static boolean dockerAnswers() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
        return socket && DockerClientFactory.instance().isDockerAvailable();
    }

    private static void requireLocal(String service, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(service + " does not answer on 127.0.0.1:" + port
                    + ". Run scripts/services-up, or set TOLLGATE_TEST_SERVICES=containers where Docker runs.", e);
        }
    }

    /** The three services in containers, the databases and roles made by the same script as on a laptop. */
    private record Containers(PostgreSQLContainer postgres, GenericContainer<?> redis, RabbitMQContainer rabbit) {

        static Containers start() {
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16")
                    .withUsername("postgres").withPassword("postgres")
                    .withEnv("TOLLGATE_DB_PASSWORD", CONTEXT_DB_PASSWORD)
                    .withCopyFileToContainer(MountableFile.forHostPath("scripts/db-init", 0755), "/tmp/db-init");
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-alpine");
            postgres.start();
            redis.start();
            rabbit.start();
            try {
                var result = postgres.execInContainer("/tmp/db-init");
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException("db-init failed in the container: " + result.getStderr());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("db-init could not run in the container", e);
            }
            return new Containers(postgres, redis, rabbit);
        }

        Map<String, String> config() {
            return Map.of(
                    "tollgate.db.password", CONTEXT_DB_PASSWORD,
                    "tollgate.db.host", postgres.getHost(),
                    "tollgate.db.port", String.valueOf(postgres.getMappedPort(5432)),
                    "tollgate.redis.host", redis.getHost(),
                    "tollgate.redis.port", String.valueOf(redis.getMappedPort(6379)),
                    "tollgate.rabbitmq.host", rabbit.getHost(),
                    "tollgate.rabbitmq.port", String.valueOf(rabbit.getAmqpPort()),
                    "rabbitmq-username", rabbit.getAdminUsername(),
                    "rabbitmq-password", rabbit.getAdminPassword());
        }
    }
}
