package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application built as the management role (as {@code -Dquarkus.profile=management} builds it): it builds at
 * all, serves the admin API with authentication and no {@code /v1}.
 */
@QuarkusTest
@TestProfile(ManagementRoleTest.ManagementRole.class)
class ManagementRoleTest {

    public static class ManagementRole implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "management";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return RoleProfiles.testOverrides();
        }
    }

    @Test
    void servesTheAdminApiOnly() {
        given().get("/admin/v1/orgs").then().statusCode(401);
        given().get("/v1/models").then().statusCode(404);
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/admin/v1/orgs"))
                .body("paths.keySet()", not(hasItem("/v1/chat/completions")));
    }

    @Test
    void readinessChecksItsDatabases() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/ready").statusCode() == 200);
    }
}
