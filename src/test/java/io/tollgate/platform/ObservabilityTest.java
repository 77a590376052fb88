package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    @Test
    void livenessIsUpWithoutDependencies() {
        given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksEveryDependencyOfTheAllInOneRole() {
        // The broker connection completes shortly after start; readiness is allowed that moment.
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
        given().get("/ready").then().log().ifValidationFails().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check",
                        "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void metricsArePrometheusText() {
        given().accept("text/plain").get("/metrics").then().statusCode(200).contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
