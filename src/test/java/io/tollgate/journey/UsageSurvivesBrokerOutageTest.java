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
import io.tollgate.testing.Unique;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Zero loss of usage across a broker outage: requests answered while RabbitMQ is down for 30 s are metered
 * exactly once it is back (the gateway's unconfirmed-event buffer, then the ledger's idempotent consumer).
 * Needs the local broker, which it stops and starts with {@code rabbitmqctl}; skipped against containers.
 */
@QuarkusTest
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

    @Test
    void requestsAnsweredWhileTheBrokerIsDownAreAllMeteredExactlyOnce() throws Exception {
        assumeThat(ConfigProvider.getConfig().getValue("rabbitmq-host", String.class)).isEqualTo("127.0.0.1");
        assumeThat(rabbitmqctl("status")).as("rabbitmqctl can control the local broker").isZero();

        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Session admin = Accounts.superadmin();
        String org = admin.request().contentType("application/json").body(Map.of("slug", Unique.slug("outage"), "name", "Outage"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        String key = admin.request().contentType("application/json").body(Map.of("name", "k"))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
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
        assertThat(rabbitmqctl("stop_app")).isZero();
        try {
            for (int i = 0; i < DURING; i++) {
                tokens += complete(key, model);
            }
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis()));
        } finally {
            assertThat(rabbitmqctl("start_app")).isZero();
        }

        long expectedTokens = tokens;
        String window = "/admin/v1/orgs/" + org + "/usage?from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonPath usage = admin.request().get(window).then().extract().jsonPath();
            return usage.getLong("totals.requests") == BEFORE + DURING;
        });
        JsonPath usage = admin.request().get(window).then().statusCode(200).extract().jsonPath();
        assertThat(usage.getLong("totals.promptTokens") + usage.getLong("totals.completionTokens")).isEqualTo(expectedTokens);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/ready").statusCode() == 200);
    }

    /** One completion; its total tokens as the gateway answered them. */
    private static long complete(String key, String model) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath().getLong("usage.total_tokens");
    }

    private static int rabbitmqctl(String command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException notInstalled) {
            return -1;
        }
    }
}
