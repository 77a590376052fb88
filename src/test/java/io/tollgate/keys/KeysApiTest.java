package io.tollgate.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeysApiTest {

    @Inject
    RedisDataSource redis;

    private Session root;
    private UUID org;

    @BeforeEach
    void org() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
    }

    @Test
    void theSecretIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        var created = root.request().contentType("application/json").body(Map.of("name", "ci"))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201)
                .header("cache-control", "no-store")
                .body("key", startsWith("tgk_")).body("scopes", equalTo(List.of("inference")))
                .body("status", equalTo("active")).extract();
        String secret = created.path("key");
        String id = created.path("id");
        assertThat(secret).hasSize(47).matches("tgk_[0-9A-Za-z]{43}");
        assertThat(created.jsonPath().getString("prefix")).isEqualTo(secret.substring(0, 10) + "…");

        root.request().get("/admin/v1/orgs/" + org + "/keys/" + id).then().statusCode(200).body("$", not(hasKey("key")));
        String listed = root.request().get("/admin/v1/orgs/" + org + "/keys").then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain(secret);

        var config = ConfigProvider.getConfig();
        try (var db = DriverManager.getConnection(config.getValue("quarkus.datasource.keys.jdbc.url", String.class),
                config.getValue("quarkus.datasource.keys.username", String.class),
                config.getValue("quarkus.datasource.keys.password", String.class));
                var rows = db.createStatement().executeQuery(
                        "SELECT s.secret_hash, k.* FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id WHERE k.id = '" + id + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("secret_hash")).isEqualTo(sha256(secret));
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                assertThat(String.valueOf(rows.getObject(column))).doesNotContain(secret.substring(4));
            }
        }
    }

    @Test
    void issuedKeysReachTheIndexAndRevocationRemovesThemWithin5Seconds() {
        String secret = root.request().contentType("application/json").body(Map.of("name", "indexed"))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
        String indexKey = "tg:keys:" + sha256(secret);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.value(String.class).get(indexKey) != null);
        assertThat(redis.value(String.class).get(indexKey)).contains(org.toString()).contains("inference");

        String id = root.request().get("/admin/v1/orgs/" + org + "/keys").then().extract().path("items[0].id");
        Instant revokedAt = Instant.now();
        root.request().delete("/admin/v1/orgs/" + org + "/keys/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.value(String.class).get(indexKey) == null);
        assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
        root.request().get("/admin/v1/orgs/" + org + "/keys/" + id).then().body("status", equalTo("revoked"));
    }

    @Test
    void rotationKeepsTheOldSecretForTheGracePeriodOnly() {
        var created = root.request().contentType("application/json").body(Map.of("name", "rotating", "scopes", List.of("management:read")))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract();
        String old = created.path("key");
        String id = created.path("id");
        given().header("Authorization", "Bearer " + old).get("/admin/v1/orgs/" + org).then().statusCode(200);

        String fresh = root.request().contentType("application/json").body(Map.of("gracePeriodSeconds", 2))
                .post("/admin/v1/orgs/" + org + "/keys/" + id + "/rotate").then().statusCode(200)
                .body("id", equalTo(id)).extract().path("key");
        assertThat(fresh).isNotEqualTo(old);
        given().header("Authorization", "Bearer " + old).get("/admin/v1/orgs/" + org).then().statusCode(200);
        given().header("Authorization", "Bearer " + fresh).get("/admin/v1/orgs/" + org).then().statusCode(200);
        await().atMost(Duration.ofSeconds(6)).until(
                () -> given().header("Authorization", "Bearer " + old).get("/admin/v1/orgs/" + org).statusCode() == 401);
        given().header("Authorization", "Bearer " + fresh).get("/admin/v1/orgs/" + org).then().statusCode(200);

        String third = root.request().contentType("application/json").body("{}")
                .post("/admin/v1/orgs/" + org + "/keys/" + id + "/rotate").then().statusCode(200).extract().path("key");
        given().header("Authorization", "Bearer " + fresh).get("/admin/v1/orgs/" + org).then().statusCode(401);
        given().header("Authorization", "Bearer " + third).get("/admin/v1/orgs/" + org).then().statusCode(200);
    }

    @Test
    void keyScopesBoundWhatTheKeyMayDoOnTheManagementApi() {
        String inference = key(root, List.of("inference"));
        String reader = key(root, List.of("management:read"));
        String writer = key(root, List.of("management:write"));

        given().header("Authorization", "Bearer " + inference).get("/admin/v1/orgs/" + org).then().statusCode(403);
        given().header("Authorization", "Bearer " + reader).get("/admin/v1/orgs/" + org).then().statusCode(200);
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body(Map.of("name", "x"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(403);
        given().header("Authorization", "Bearer " + writer).contentType("application/json").body(Map.of("name", "Renamed by key"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(200);
        UUID other = Accounts.org(root);
        given().header("Authorization", "Bearer " + writer).get("/admin/v1/orgs/" + other).then().statusCode(404);
        given().header("Authorization", "Bearer tgk_" + "x".repeat(43)).get("/admin/v1/orgs/" + org).then().statusCode(401);
        given().header("Authorization", "Bearer tgk_short").get("/admin/v1/orgs/" + org).then().statusCode(401);
    }

    @Test
    void nobodyMintsAKeyAboveTheirOwnRole() {
        Session developer = Accounts.member(root, org, "developer");
        String devKey = key(developer, List.of("management:write"));
        // The developer's key acts as a developer: it may not manage members, even with management:write.
        given().header("Authorization", "Bearer " + devKey).contentType("application/json")
                .body(Map.of("email", root.email(), "role", "viewer"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(403);
        // A read-only key cannot mint keys at all.
        String reader = key(root, List.of("management:read"));
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body(Map.of("name", "escalate"))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(403);
        Session viewer = Accounts.member(root, org, "viewer");
        viewer.request().contentType("application/json").body(Map.of("name", "nope"))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(403);
    }

    @Test
    void keyBadInput() {
        String base = "/admin/v1/orgs/" + org + "/keys";
        root.request().contentType("application/json").body(Map.of("scopes", List.of("root"))).post(base)
                .then().statusCode(400).body("errors", hasKey("name")).body("errors", hasKey("scopes"));
        root.request().contentType("application/json").body(Map.of("name", "old", "expiresAt", "2020-01-01T00:00:00Z")).post(base)
                .then().statusCode(400).body("errors", hasKey("expiresAt"));
        root.request().contentType("application/json").body(Map.of("name", "p", "projectId", UUID.randomUUID().toString())).post(base)
                .then().statusCode(400).body("errors", hasKey("projectId"));
        root.request().contentType("application/json").body(Map.of("name", "p", "projectId", "not-a-uuid")).post(base)
                .then().statusCode(400);
        root.request().contentType("application/json").body(Map.of("name", "k", "key", "tgk_chosen")).post(base)
                .then().statusCode(400).body("errors", hasKey("key"));
        root.request().contentType("application/json").body(Map.of("gracePeriodSeconds", -1))
                .post(base + "/" + UUID.randomUUID() + "/rotate").then().statusCode(400);
        root.request().contentType("application/json").body("{}").post(base + "/" + UUID.randomUUID() + "/rotate")
                .then().statusCode(404);
        root.request().delete(base + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void keysOfAProjectAndExpiry() {
        String project = root.request().contentType("application/json").body(Map.of("slug", Unique.slug("p"), "name", "P"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(201).extract().path("id");
        root.request().contentType("application/json")
                .body(Map.of("name", "scoped", "projectId", project, "expiresAt", Instant.now().plusSeconds(3600).toString()))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201)
                .body("projectId", equalTo(project)).body("expiresAt", notNullValue());
    }

    private String key(Session creator, List<String> scopes) {
        return creator.request().contentType("application/json").body(Map.of("name", "k", "scopes", scopes))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
