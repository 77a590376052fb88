package io.tollgate.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Rabbitmqctl;
import io.tollgate.testing.Rabbitmqctl.QueueCounts;
import io.tollgate.testing.Unique;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A broker outage of 30 s: requests answered while RabbitMQ is down are metered exactly once it is back (the
 * gateway's unconfirmed-event buffer, then the ledger's idempotent consumer), and every channel of the application
 * recovers within {@link #RECOVERY} of the broker's return: each consumer is back on its queue, and the outbox
 * relays publish both what was written during the outage and what is written after it. Needs the local broker,
 * which it stops and starts with {@code rabbitmqctl} (once per run); skipped against containers.
 */
@QuarkusTest
@Tag("fault-injection")
@TestProfile(UsageSurvivesBrokerOutageTest.OwnInstance.class)
class UsageSurvivesBrokerOutageTest {

    /**
     * An application instance of its own: the tests that run after this one start with fresh broker connections
     * rather than with channels still recovering from the outage.
     */
    public static class OwnInstance implements QuarkusTestProfile {
    }

    private static final int BEFORE = 5;
    private static final int DURING = 15;
    /** Reconnection is tried every second (rabbitmq-reconnect-interval); the rest is headroom for a busy machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final Pattern CONSUMER_QUEUE = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.queue\\.name");

    @Test
    void requestsAnsweredWhileTheBrokerIsDownAreMeteredExactlyAndEveryChannelRecoversWithinSeconds() throws Exception {
        assumeThat(ConfigProvider.getConfig().getValue("rabbitmq-host", String.class)).isEqualTo("127.0.0.1");
        assumeThat(Rabbitmqctl.available()).as("rabbitmqctl can control the local broker").isTrue();

        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Session admin = Accounts.superadmin();
        String org = admin.request().contentType("application/json").body(Map.of("slug", Unique.slug("outage"), "name", "Outage"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        String key = issueKey(admin, org);
        String provider = admin.request().contentType("application/json").body(Map.of("orgId", org, "name", Unique.slug("sim"),
                "type", "simulator", "extraHeaders", Map.of("x-simulator-ttft-ms", "1", "x-simulator-inter-token-ms", "0")))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        String model = Unique.slug("outage-model");
        admin.request().contentType("application/json").body(Map.of("orgId", org, "name", model,
                        "deployments", List.of(Map.of("provider", provider, "upstreamModel", "sim"))))
                .post("/admin/v1/models").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(
                () -> given().header("Authorization", "Bearer " + key).get("/v1/models/" + model).statusCode() == 200);

        long tokens = 0;
        for (int i = 0; i < BEFORE; i++) {
            tokens += complete(key, model);
        }
        Instant stopped = Instant.now();
        Rabbitmqctl.require("stop_app");
        try {
            for (int i = 0; i < DURING; i++) {
                tokens += complete(key, model);
            }
            issueKey(admin, org); // its event waits in the outbox
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis()));
        } finally {
            Rabbitmqctl.require("start_app");
        }
        Instant restarted = Instant.now();
        issueKey(admin, org);

        String vhost = ConfigProvider.getConfig().getValue("rabbitmq-virtual-host", String.class);
        Set<String> queues = consumerQueues();
        withinRecovery(restarted, "every consumer back on its queue", () -> {
            Map<String, QueueCounts> counts = Rabbitmqctl.queues(vhost);
            return queues.stream().allMatch(queue -> counts.containsKey(queue) && counts.get(queue).consumers() > 0);
        });
        withinRecovery(restarted, "both keys issued around the outage published and recorded in the audit trail",
                () -> admin.request().queryParam("action", "keys.key-issued.v1").get("/admin/v1/orgs/" + org + "/audit")
                        .then().extract().jsonPath().getList("items").size() == 3);
        String window = "/admin/v1/orgs/" + org + "/usage?from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS);
        withinRecovery(restarted, "every request metered", () -> admin.request().get(window).then().extract().jsonPath()
                .getLong("totals.requests") == BEFORE + DURING);
        withinRecovery(restarted, "ready", () -> given().get("/ready").statusCode() == 200);

        JsonPath usage = admin.request().get(window).then().statusCode(200).extract().jsonPath();
        assertThat(usage.getLong("totals.requests")).isEqualTo(BEFORE + DURING);
        assertThat(usage.getLong("totals.promptTokens") + usage.getLong("totals.completionTokens")).isEqualTo(tokens);
    }

    private static void withinRecovery(Instant restarted, String what, Callable<Boolean> condition) {
        Duration left = RECOVERY.minus(Duration.between(restarted, Instant.now()));
        assertThat(left).as("time left for: " + what).isPositive();
        await(what).atMost(left).pollInterval(Duration.ofMillis(500)).until(condition);
    }

    /** The queue of every incoming channel this application instance runs. */
    private static Set<String> consumerQueues() {
        Config config = ConfigProvider.getConfig();
        Set<String> queues = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher channel = CONSUMER_QUEUE.matcher(name);
            if (channel.matches() && config.getOptionalValue("mp.messaging.incoming." + channel.group(1) + ".enabled",
                    Boolean.class).orElse(true)) {
                queues.add(config.getValue(name, String.class));
            }
        }
        assertThat(queues).as("the application's consumer queues").isNotEmpty();
        return queues;
    }

    private static String issueKey(Session admin, String org) {
        return admin.request().contentType("application/json").body(Map.of("name", Unique.slug("k")))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
    }

    /** One completion; its total tokens as the gateway answered them. */
    private static long complete(String key, String model) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath().getLong("usage.total_tokens");
    }
}
