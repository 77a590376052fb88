package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dependency that does not answer takes readiness down, and only readiness. */
@QuarkusTest
@TestProfile(ReadinessTest.RedisUnreachable.class)
class ReadinessTest {

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, so every connection is refused at once.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void unreachableRedisMakesTheAppNotReadyButAlive() {
        given().get("/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Redis connection health check' }.status", equalTo("DOWN"));
        given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anUnreachableKeyIndexIsA503NeverA401() {
        given().header("Authorization", "Bearer tgk_" + "1".repeat(43)).get("/v1/models")
                .then().statusCode(503).body("error.code", equalTo("service_unavailable"));
    }

    @Test
    void everyRoleDependencyIsListed() {
        given().get("/ready").then().body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }
}
