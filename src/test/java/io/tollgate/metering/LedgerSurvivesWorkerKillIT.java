package io.tollgate.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Outcome;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.testing.HoldingRelay;
import io.tollgate.testing.PackagedApp;
import io.tollgate.testing.Rabbitmqctl;
import io.tollgate.testing.Rabbitmqctl.QueueCounts;
import io.tollgate.testing.TestKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Zero loss and no double counting when a metering worker is killed between its database commit and its
 * acknowledgement, with real processes: the packaged application as workers, the local PostgreSQL, and RabbitMQ
 * on a virtual host made for this run (its queues hold only this test's events).
 *
 * <p>The window is made, not hoped for. Worker A reaches the broker through a {@link HoldingRelay}; once A is
 * writing the ledger, the relay stops passing on what A sends. A goes on with the messages it was given: it
 * commits each one and acknowledges it into the void, and the broker, whose prefetch window is now full, gives it
 * no more. A trigger the test installs on {@code usage_ledger} NOTIFYs each commit of this test's organisation
 * (delivered at commit); when they stop, A is frozen (SIGSTOP) and the test proves the state it wanted: the broker
 * still counts messages as unacknowledged, and every message not waiting in the queue has its ledger row (rows +
 * ready == published), so each unacknowledged one is committed. Then A is SIGKILLed, the broker redelivers those
 * messages, and two fresh workers consume concurrently; their inbox ignores exactly the redelivered ones.
 */
@Tag("fault-injection")
class LedgerSurvivesWorkerKillIT {

    private static final String QUEUE = "tollgate.metering.ledger";
    private static final String CONSUMED = "tollgate_events_consumed_total{consumer=\"metering.ledger\",outcome=\"%s\"}";
    private static final int FIRST_BATCH = 300;
    private static final int SECOND_BATCH = 300;
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void workerKilledBetweenCommitAndAckLosesNothingAndCountsNothingTwice() throws Exception {
        assumeThat(System.getenv("TOLLGATE_TEST_SERVICES")).as("the local services").isNotEqualTo("containers");
        assumeThat(PackagedApp.packaged()).as("the packaged application (mvn package)").isTrue();
        assumeThat(Rabbitmqctl.available()).as("rabbitmqctl controls the local broker").isTrue();

        UUID org = UUID.randomUUID();
        String tag = org.toString().replace("-", "").substring(0, 12);
        String vhost = vhostPrefix() + "worker-kill-" + tag;
        Rabbitmqctl.require("add_vhost", vhost);
        List<PackagedApp> workers = new ArrayList<>();
        try (Connection db = metering(); Connection commits = metering(); HoldingRelay relay = HoldingRelay.to(5672)) {
            Rabbitmqctl.require("set_permissions", "-p", vhost, rabbitUser(), ".*", ".*", ".*");
            try {
                PackagedApp a = start(workers, "worker-kill-a", vhost, Map.of("tollgate.rabbitmq.port", String.valueOf(relay.port())));
                a.awaitReady(STARTUP); // it has migrated the database and declared the queues
                installCommitNotifier(db, tag, org);
                try (Statement listen = commits.createStatement()) {
                    listen.execute("LISTEN ledger_commits_" + tag);
                }
                long sentTokens = publish(vhost, org, FIRST_BATCH);

                await().atMost(Duration.ofMinutes(1)).until(() -> notifications(commits, Duration.ofMillis(200)) > 0);
                relay.holdClientBytes();
                int committedAfterHold = notificationsUntilQuiet(commits);
                a.pause();
                long committed = ledger(db, org).rows();
                // The broker's queue statistics trail its state by a few seconds (quorum queues report them
                // periodically); A is frozen, so nothing changes while they catch up, and a wrong claim times out.
                QueueCounts frozen = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> Rabbitmqctl.queue(vhost, QUEUE), counts -> committed + counts.ready() == FIRST_BATCH);
                assertThat(frozen.unacknowledged()).as("messages delivered to A that the broker never saw acknowledged")
                        .isPositive();
                assertThat(committed + frozen.ready())
                        .as("every message not waiting in the queue is in the ledger, so all %d unacknowledged ones are "
                                + "committed (%d commits after the hold)", frozen.unacknowledged(), committedAfterHold)
                        .isEqualTo(FIRST_BATCH);
                System.out.printf("worker A killed holding %d committed, unacknowledged messages (%d ledger rows, %d ready, "
                        + "%d commits after its acknowledgements stopped reaching the broker)%n", frozen.unacknowledged(),
                        committed, frozen.ready(), committedAfterHold);
                a.kill();

                PackagedApp b = start(workers, "worker-kill-b", vhost, Map.of());
                PackagedApp c = start(workers, "worker-kill-c", vhost, Map.of());
                b.awaitReady(STARTUP);
                c.awaitReady(STARTUP);
                await().atMost(Duration.ofMinutes(1)).until(() -> Rabbitmqctl.queue(vhost, QUEUE).consumers() == 2);
                sentTokens += publish(vhost, org, SECOND_BATCH);

                int total = FIRST_BATCH + SECOND_BATCH;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(
                        () -> ledger(db, org).rows() == total && Rabbitmqctl.queue(vhost, QUEUE).equals(new QueueCounts(0, 0, 2)));
                assertThat(ledger(db, org)).isEqualTo(new Totals(total, sentTokens));
                assertThat(rollup(db, "usage_hourly", org)).isEqualTo(new Totals(total, sentTokens));
                assertThat(rollup(db, "usage_daily", org)).isEqualTo(new Totals(total, sentTokens));
                assertThat(b.metric(CONSUMED.formatted("applied"))).as("B consumed").isPositive();
                assertThat(c.metric(CONSUMED.formatted("applied"))).as("C consumed").isPositive();
                assertThat(b.metric(CONSUMED.formatted("applied")) + c.metric(CONSUMED.formatted("applied")))
                        .isEqualTo((double) (total - committed));
                assertThat(b.metric(CONSUMED.formatted("duplicate")) + c.metric(CONSUMED.formatted("duplicate")))
                        .as("redeliveries of A's committed but unacknowledged messages, ignored by the inbox")
                        .isEqualTo((double) frozen.unacknowledged());
            } finally {
                for (PackagedApp worker : workers) {
                    worker.close();
                }
                removeCommitNotifier(db, tag);
            }
        } finally {
            Rabbitmqctl.run("delete_vhost", vhost);
        }
    }

    private static PackagedApp start(List<PackagedApp> workers, String name, String vhost, Map<String, String> config)
            throws Exception {
        Map<String, String> all = new HashMap<>(TestKeys.config());
        all.putAll(config);
        PackagedApp worker = PackagedApp.start(name, all, Map.of("TOLLGATE_RABBITMQ_VHOST", vhost));
        workers.add(worker);
        return worker;
    }

    /** Publishes {@code count} usage events as the gateway does (CloudEvent id = usage id, confirmed); their tokens. */
    private long publish(String vhost, UUID org, int count) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername(rabbitUser());
        factory.setPassword(Objects.requireNonNullElse(System.getenv("TOLLGATE_RABBITMQ_PASSWORD"), "guest"));
        factory.setVirtualHost(vhost);
        long tokens = 0;
        try (com.rabbitmq.client.Connection connection = factory.newConnection("worker-kill-test");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                UsageRecorded usage = usage(org);
                tokens += usage.tokens().total();
                channel.basicPublish("tollgate.events", UsageRecorded.TYPE, new AMQP.BasicProperties.Builder()
                        .messageId(usage.usageId().toString()).contentType(CloudEvents.CONTENT_TYPE).deliveryMode(2).build(),
                        CloudEvents.serialize(CloudEvents.build(usage.usageId(), "gateway", UsageRecorded.TYPE,
                                usage.subject(), org, usage.finishedAt().atOffset(ZoneOffset.UTC), json.writeValueAsBytes(usage))));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        return tokens;
    }

    private static UsageRecorded usage(UUID org) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant started = Instant.now();
        return new UsageRecorded(UUID.randomUUID(), "req-" + UUID.randomUUID(), org, null, null, "worker-kill-model",
                "/v1/chat/completions", false, null, null, null, null,
                new Tokens(random.nextLong(1, 1_000), random.nextLong(1, 500), 0, 0, 0), false, Outcome.OK, 200, null,
                50L, 100, started, started.plusMillis(100));
    }

    /** The broker's counts once two readings a second apart agree (its queue statistics lag slightly). */
    /** Counts commits until none comes for {@link #QUIET}. */
    private static int notificationsUntilQuiet(Connection commits) throws SQLException {
        int total = 0;
        int received;
        while ((received = notifications(commits, QUIET)) > 0) {
            total += received;
        }
        return total;
    }

    private static int notifications(Connection commits, Duration wait) throws SQLException {
        var received = commits.unwrap(PGConnection.class).getNotifications((int) wait.toMillis());
        return received == null ? 0 : received.length;
    }

    /** A trigger that NOTIFYs each ledger row of {@code org}; the notification is delivered when its row commits. */
    private static void installCommitNotifier(Connection db, String tag, UUID org) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION test_ledger_commits_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_notify('ledger_commits_%1$s', NEW.usage_id::text); RETURN NULL; END $$""".formatted(tag));
            statement.execute("""
                    CREATE TRIGGER test_ledger_commits_%1$s AFTER INSERT ON usage_ledger FOR EACH ROW
                    WHEN (NEW.org_id = '%2$s') EXECUTE FUNCTION test_ledger_commits_%1$s()""".formatted(tag, org));
        }
    }

    private static void removeCommitNotifier(Connection db, String tag) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("DROP FUNCTION IF EXISTS test_ledger_commits_%s() CASCADE".formatted(tag)); // and its trigger
        }
    }

    private record Totals(long rows, long tokens) {
    }

    private static Totals ledger(Connection db, UUID org) throws SQLException {
        return totals(db, "SELECT count(*), coalesce(sum(prompt_tokens + completion_tokens), 0) FROM usage_ledger WHERE org_id = ?", org);
    }

    private static Totals rollup(Connection db, String table, UUID org) throws SQLException {
        return totals(db, "SELECT coalesce(sum(requests), 0), coalesce(sum(prompt_tokens + completion_tokens), 0) FROM "
                + table + " WHERE org_id = ?", org);
    }

    private static Totals totals(Connection db, String sql, UUID org) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, org);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Totals(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static Connection metering() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/tollgate_metering", "tollgate_metering",
                Objects.requireNonNullElse(System.getenv("TOLLGATE_DB_PASSWORD"), "tollgate-local"));
    }

    private static String rabbitUser() {
        return Objects.requireNonNullElse(System.getenv("TOLLGATE_RABBITMQ_USERNAME"), "guest");
    }

    /** This checkout's virtual host as a prefix, so that parallel checkouts' runs are told apart on the broker. */
    private static String vhostPrefix() {
        String vhost = System.getenv("TOLLGATE_RABBITMQ_VHOST");
        return vhost == null || vhost.equals("/") ? "" : vhost + ".";
    }
}
