package io.tollgate.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Dashboards and alerts cannot drift from the code: after a small workload (an organisation created, whose event
 * goes through the outbox to the audit consumer; health and readiness), every metric the rendered chart's
 * dashboards and alert rules use is in /metrics, unless it is external or planned (MetricsContract).
 */
@QuarkusTest
class MetricsExistTest {

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void everyMetricOfTheDashboardsAndAlertsExists() {
        given().contentType("application/json").body("{\"slug\":\"" + Unique.slug("metrics") + "\",\"name\":\"Metrics\"}")
                .post("/admin/v1/orgs").then().statusCode(201);
        given().get("/health").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> exposed().containsAll(
                Set.of("tollgate_outbox_published_total", "tollgate_events_consumed_total")));

        Map<String, String> expressions = MetricsContract.expressions(HelmChart.render());
        assertThat(expressions).hasSizeGreaterThan(40);
        assertThat(MetricsContract.violations(expressions, exposed())).isEmpty();
    }

    private static Set<String> exposed() {
        return MetricsContract.exposedNames(given().accept("text/plain").get("/metrics").then().statusCode(200)
                .extract().asString());
    }
}
