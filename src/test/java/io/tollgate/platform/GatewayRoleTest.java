package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application built as the gateway role (profile {@code gateway}, as {@code -Dquarkus.profile=gateway}
 * builds it) holds no management endpoint and checks only the gateway's dependencies.
 */
@QuarkusTest
@TestProfile(GatewayRoleTest.GatewayRole.class)
class GatewayRoleTest {

    public static class GatewayRole implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "gateway";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return RoleProfiles.testOverrides();
        }
    }

    @Test
    void managementEndpointsAreAbsent() {
        given().get("/admin/v1/orgs").then().statusCode(404).contentType("application/problem+json");
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", not(hasItem("/admin/v1/orgs")))
                .body("paths.keySet()", hasItem("/v1/chat/completions"));
    }

    @Test
    void readinessChecksNoDatabase() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
        given().get("/ready").then().statusCode(200)
                .body("checks.name", hasItem("Redis connection health check"))
                .body("checks.name", not(hasItem("Reactive PostgreSQL connections health check")))
                .body("checks.name", not(hasItem("Database connections health check")));
    }

    @Test
    void observabilityEndpointsAnswer() {
        given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/metrics").then().statusCode(200);
    }
}
