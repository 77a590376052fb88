package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/models} end to end: keys from the Redis key index, models from the routing snapshot. */
@QuarkusTest
class ModelsApiTest {

    private Session root;
    private UUID org;
    private String publicModel;
    private String otherOrgsModel;

    @BeforeEach
    void catalogAndKeys() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
        UUID other = Accounts.org(root);
        String provider = root.request().contentType("application/json")
                .body(Map.of("name", Unique.slug("sim"), "type", "simulator"))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        publicModel = Unique.slug("public");
        otherOrgsModel = Unique.slug("private");
        root.request().contentType("application/json").body(model(publicModel, null, provider))
                .post("/admin/v1/models").then().statusCode(201);
        root.request().contentType("application/json").body(model(otherOrgsModel, other, provider))
                .post("/admin/v1/models").then().statusCode(201);
    }

    @Test
    void aKeySeesTheModelsItsOrganisationMayUse() {
        String key = key(List.of("inference"));
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(key).contains(publicModel));

        given().header("Authorization", "Bearer " + key).get("/v1/models")
                .then().statusCode(200).body("object", equalTo("list"))
                .body("data.id", not(hasItem(otherOrgsModel)))
                .body("data.find { it.id == '" + publicModel + "' }.object", equalTo("model"))
                .body("data.find { it.id == '" + publicModel + "' }.owned_by", equalTo("tollgate"));
        given().header("api-key", key).get("/v1/models/" + publicModel).then().statusCode(200).body("id", equalTo(publicModel));
        given().header("Authorization", "Bearer " + key).get("/v1/models/" + otherOrgsModel)
                .then().statusCode(404).body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"));

        // Uses reach the key's last_used_at through the gateway's periodic report, not a write per request.
        String keyId = root.request().get("/admin/v1/orgs/" + org + "/keys").then().extract().path("items[0].id");
        await().atMost(Duration.ofSeconds(20)).until(() -> root.request().get("/admin/v1/orgs/" + org + "/keys/" + keyId)
                .then().extract().path("lastUsedAt") != null);
    }

    @Test
    void revokedAndUnknownKeysAnswerTheSame401AndRevocationTakesUnder5Seconds() {
        String key = key(List.of("inference"));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> given().header("Authorization", "Bearer " + key).get("/v1/models").statusCode() == 200);
        String keyId = root.request().get("/admin/v1/orgs/" + org + "/keys").then().extract().path("items[0].id");

        Instant revoked = Instant.now();
        root.request().delete("/admin/v1/orgs/" + org + "/keys/" + keyId).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(
                () -> given().header("Authorization", "Bearer " + key).get("/v1/models").statusCode() == 401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(5));

        String revokedBody = given().header("Authorization", "Bearer " + key).get("/v1/models")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key")).extract().asString();
        String unknownBody = given().header("Authorization", "Bearer tgk_" + "0".repeat(43)).get("/v1/models")
                .then().statusCode(401).extract().asString();
        assertThat(unknownBody).isEqualTo(revokedBody);
    }

    @Test
    void badCredentialsAreRefusedInTheOpenAiEnvelope() {
        given().get("/v1/models").then().statusCode(401).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error")).body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", "Bearer ").get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Bearer " + "x".repeat(5000)).get("/v1/models").then().statusCode(401);
        String managementOnly = key(List.of("management:read"));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> given().header("Authorization", "Bearer " + managementOnly).get("/v1/models").statusCode() == 403);
        given().header("Authorization", "Bearer " + managementOnly).get("/v1/models")
                .then().body("error.code", equalTo("insufficient_scope"));
    }

    /** The model ids a key sees, empty while the key or the model is not projected yet. */
    private static List<Object> listed(String key) {
        var response = given().header("Authorization", "Bearer " + key).get("/v1/models");
        return response.statusCode() == 200 ? response.jsonPath().getList("data.id") : List.of();
    }

    private String key(List<String> scopes) {
        return root.request().contentType("application/json").body(Map.of("name", "gw", "scopes", scopes))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
    }

    private static String model(String name, UUID owner, String provider) {
        return "{" + (owner == null ? "" : "\"orgId\":\"" + owner + "\",") + "\"name\":\"" + name + "\","
                + "\"deployments\":[{\"provider\":\"" + provider + "\",\"upstreamModel\":\"sim-1\",\"weight\":1,\"priority\":0}]}";
    }
}
