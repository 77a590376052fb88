package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The operator's dead-letter command ({@code scripts/dlq}, docs/runbooks/dead-letters.md) on the real broker: an
 * event whose effect fails until a fix is deployed is retried up to the delivery limit and dead-lettered; after
 * the fix, {@code replay} hands it back to its consumer, which records it.
 */
@QuarkusTest
class DeadLetterReplayTest {

    private static final String QUEUE = "tollgate.audit.recorder";

    @Inject
    @ReactiveDataSource("audit")
    Pool audit;

    @Inject
    EventPublisher publisher;

    @Test
    void deadLetterReplayedAfterTheFixIsConsumed() throws Exception {
        String subject = "dead-letter-" + UUID.randomUUID();
        String breakage = "test_refuse_" + UUID.randomUUID().toString().replace("-", "");
        // The "bug": the audit database refuses this one event, on every delivery.
        audit.query("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.subject = '%2$s' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER %1$s BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION %1$s();
                """.formatted(breakage, subject)).execute().await().indefinitely();
        try {
            publisher.publish(CloudEvents.build(Ids.newId(), "identity", "identity.test-happened.v1", subject,
                    UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), "{\"test\":true}".getBytes(StandardCharsets.UTF_8)))
                    .await().indefinitely();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> dlq("show", QUEUE, "--limit", "1000").output().contains(subject));
            Result shown = dlq("show", QUEUE, "--limit", "1000");
            assertThat(shown.output()).contains("delivery_limit", "published to tollgate.events as identity.test-happened.v1");
            assertThat(dlq("show", QUEUE, "--limit", "1000").output()).as("show leaves the messages in place").contains(subject);
        } finally {
            audit.query("DROP TRIGGER %1$s ON audit_entries; DROP FUNCTION %1$s();".formatted(breakage)).execute()
                    .await().indefinitely();
        }
        assertThat(entriesAbout(subject)).isZero();

        Result replayed = dlq("replay", QUEUE);
        assertThat(replayed.status()).as(replayed.output()).isZero();
        assertThat(replayed.output()).contains("moved from tollgate.audit.recorder.dlq to tollgate.audit.recorder");

        await().atMost(Duration.ofSeconds(30)).until(() -> entriesAbout(subject) == 1);
        assertThat(dlq("show", QUEUE, "--limit", "1000").output()).doesNotContain(subject);
    }

    @Test
    void unknownQueuesAndBadLimitsAreUsageErrors() throws Exception {
        Result unknown = dlq("replay", "tollgate.nothing");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).contains("tollgate.nothing is no consumer queue", QUEUE);
        assertThat(dlq("show", QUEUE, "--limit", "0").status()).isEqualTo(2);
        assertThat(dlq("purge").status()).isEqualTo(2);
    }

    @Test
    void listShowsEveryConsumerQueueWithItsDeadLetterQueue() throws Exception {
        Result list = dlq("list");
        assertThat(list.status()).as(list.output()).isZero();
        assertThat(list.output()).contains(QUEUE + "\t", QUEUE + ".dlq\t", "tollgate.keys.indexer.dlq");
    }

    private long entriesAbout(String subject) {
        return audit.preparedQuery("SELECT count(*) FROM audit_entries WHERE subject = $1").execute(Tuple.of(subject))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private record Result(int status, String output) {
    }

    /** Runs scripts/dlq against the broker the application uses. */
    private static Result dlq(String... args) throws IOException, InterruptedException {
        Config config = ConfigProvider.getConfig();
        String[] command = new String[args.length + 1];
        command[0] = "scripts/dlq";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "TOLLGATE_RABBITMQ_HOST", config.getValue("rabbitmq-host", String.class),
                "TOLLGATE_RABBITMQ_PORT", config.getValue("rabbitmq-port", String.class),
                "TOLLGATE_RABBITMQ_USERNAME", config.getValue("rabbitmq-username", String.class),
                "TOLLGATE_RABBITMQ_PASSWORD", config.getValue("rabbitmq-password", String.class),
                "TOLLGATE_RABBITMQ_VHOST", config.getValue("rabbitmq-virtual-host", String.class)));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("scripts/dlq did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
