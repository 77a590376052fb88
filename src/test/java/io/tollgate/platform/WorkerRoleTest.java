package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application built as the worker role (as {@code -Dquarkus.profile=worker} builds it): it builds at all
 * (every bean it keeps finds what it injects), serves neither API and checks the databases and the broker.
 */
@QuarkusTest
@TestProfile(WorkerRoleTest.WorkerRole.class)
class WorkerRoleTest {

    public static class WorkerRole implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "worker";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return RoleProfiles.testOverrides();
        }
    }

    @Test
    void servesNeitherApi() {
        given().get("/admin/v1/orgs").then().statusCode(404);
        given().get("/v1/models").then().statusCode(404);
    }

    @Test
    void readinessChecksDatabasesAndBroker() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
        given().get("/ready").then().statusCode(200)
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }
}
