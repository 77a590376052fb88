package io.tollgate.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Outcome;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.events.IntegrationEvent;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dashboards and alerts cannot drift from the code: after a small workload (an organisation created, whose event
 * goes through the outbox to the audit consumer; a price and two requests, one of them unpriced, metered; health
 * and readiness), every metric the rendered chart's dashboards and alert rules use is in /metrics, unless it is
 * external or planned (MetricsContract).
 */
@QuarkusTest
class MetricsExistTest {

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void everyMetricOfTheDashboardsAndAlertsExists() throws Exception {
        String org = given().contentType("application/json").body("{\"slug\":\"" + Unique.slug("metrics") + "\",\"name\":\"Metrics\"}")
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        streamThroughAFallback(org);
        meterOnePricedAndOneUnpricedRequest();
        given().get("/health").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> exposed().containsAll(
                Set.of("tollgate_outbox_published_total", "tollgate_events_consumed_total",
                        "tollgate_metering_spend_total", "tollgate_metering_unpriced_total")));

        Map<String, String> expressions = MetricsContract.expressions(HelmChart.render());
        assertThat(expressions).hasSizeGreaterThan(40);
        assertThat(MetricsContract.violations(expressions, exposed())).isEmpty();
    }

    /**
     * One streamed completion on a model whose first tier always fails (the simulator at failure rate 1) and whose
     * second answers: request, latency, token, upstream-error, fallback and usage-buffer metrics all appear.
     */
    private static void streamThroughAFallback(String org) {
        String failing = provider(Map.of("x-simulator-failure-rate", "1", "x-simulator-ttft-ms", "0"));
        String working = provider(Map.of("x-simulator-ttft-ms", "0", "x-simulator-inter-token-ms", "1"));
        String model = Unique.slug("metrics-model");
        given().contentType("application/json").body(Map.of("orgId", org, "name", model, "retry", Map.of("attempts", 1, "backoffMs", 1),
                        "deployments", List.of(Map.of("provider", failing, "upstreamModel", "sim", "priority", 0),
                                Map.of("provider", working, "upstreamModel", "sim", "priority", 1))))
                .post("/admin/v1/models").then().statusCode(201);
        String key = given().contentType("application/json").body(Map.of("name", "metrics", "scopes", List.of("inference")))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", "Bearer " + key)
                .get("/v1/models/" + model).statusCode() == 200);
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);
    }

    private static String provider(Map<String, String> simulatorSettings) {
        return given().contentType("application/json").body(Map.of("name", Unique.slug("sim"), "type", "simulator",
                "extraHeaders", simulatorSettings)).post("/admin/v1/providers").then().statusCode(201).extract().path("id");
    }

    private void meterOnePricedAndOneUnpricedRequest() throws Exception {
        String priced = Unique.slug("metrics-model");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        publish(new PriceAdded(Ids.newId(), UUID.randomUUID(), priced, null, "1", "2", null, "USD", start, null, 1));
        // The price is projected before the requests are metered (its consumer counts it).
        await().atMost(Duration.ofSeconds(20)).until(() -> given().accept("text/plain").get("/metrics").asString()
                .contains("consumer=\"metering.prices\""));
        UUID org = UUID.randomUUID();
        for (String model : new String[] { priced, Unique.slug("metrics-unpriced") }) {
            UUID usageId = Ids.newId();
            publish(usageId, new UsageRecorded(usageId, "req-" + usageId, org, null, UUID.randomUUID(), model,
                    "/v1/chat/completions", false, null, null, null, null, new Tokens(10, 5, 0, 0, 0), false,
                    Outcome.OK, 200, null, 10L, 20, start.plusSeconds(1), start.plusSeconds(2)));
        }
    }

    private void publish(PriceAdded price) throws Exception {
        publish(Ids.newId(), price);
    }

    private void publish(UUID id, IntegrationEvent event) throws Exception {
        String context = event.eventType().substring(0, event.eventType().indexOf('.'));
        publisher.publish(CloudEvents.build(id, context, event.eventType(), event.subject(), event.orgId(),
                OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsBytes(event))).await().indefinitely();
    }

    private static Set<String> exposed() {
        return MetricsContract.exposedNames(given().accept("text/plain").get("/metrics").then().statusCode(200)
                .extract().asString());
    }
}
