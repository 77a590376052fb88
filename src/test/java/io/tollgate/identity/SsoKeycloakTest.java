package io.tollgate.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Keycloak;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SSO against a real Keycloak (ADR 0018): tokens of the external IdP sign people in and its groups claim gives
 * them organisation roles. Tagged {@code keycloak}: only {@code -Pkeycloak} runs it (scripts/test does).
 */
@QuarkusTest
@Tag("keycloak")
@QuarkusTestResource(value = Keycloak.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoKeycloakTest {

    private static final String PASSWORD = "sso-password-1";

    private String realm;
    private String suffix;
    private Session root;
    private UUID orgA;
    private UUID orgB;

    /** Once per class, but in the first test: RestAssured points at Tollgate only from then on. */
    @BeforeEach
    void orgsTheRealmNames() {
        if (root != null) {
            return;
        }
        realm = ConfigProvider.getConfig().getValue(Keycloak.URL, String.class);
        suffix = ConfigProvider.getConfig().getValue(Keycloak.SUFFIX, String.class);
        root = Accounts.superadmin(); // Tollgate's own tokens keep working next to the IdP's
        orgA = org("ssoa-" + suffix);
        orgB = org("ssob-" + suffix);
    }

    @Test
    void theGrantedRoleWorksInItsOrgAndNowhereElse() {
        RequestSpecification alice = bearer(token("alice", "tollgate-cli"));
        alice.get("/admin/v1/orgs/" + orgA).then().statusCode(200);
        alice.contentType("application/json").body(Map.of("name", "Renamed by SSO"))
                .patch("/admin/v1/orgs/" + orgA).then().statusCode(200);
        bearer(token("alice", "tollgate-cli")).delete("/admin/v1/orgs/" + orgA).then().statusCode(403); // admin, not owner
        // B: the claim names an unknown role there; another application's group (owner of B) is not Tollgate's.
        bearer(token("alice", "tollgate-cli")).get("/admin/v1/orgs/" + orgB).then().statusCode(404);
        root.request().get("/admin/v1/orgs/" + orgA + "/members").then().statusCode(200)
                .body("items.email", hasItem("alice-" + suffix + "@sso.test"));
    }

    @Test
    void aMembershipMadeThroughTheApiSurvivesSsoSignIns() {
        String alice = token("alice", "tollgate-cli");
        bearer(alice).get("/admin/v1/orgs/" + orgA).then().statusCode(200); // creates the user on first sign-in
        UUID orgC = org("ssoc-" + suffix);
        root.request().contentType("application/json").body(Map.of("email", "alice-" + suffix + "@sso.test", "role", "viewer"))
                .post("/admin/v1/orgs/" + orgC + "/members").then().statusCode(201);
        bearer(alice).get("/admin/v1/orgs/" + orgC).then().statusCode(200);
        bearer(alice).get("/admin/v1/orgs/" + orgC).then().statusCode(200);
    }

    @Test
    void aGrantInAnUnknownOrgGivesNoAccess() {
        bearer(token("bob", "tollgate-cli")).get("/admin/v1/orgs/" + orgA).then().statusCode(404);
    }

    @Test
    void aTokenWithoutAVerifiedAddressIsRefused() {
        bearer(token("carol", "tollgate-cli")).get("/admin/v1/orgs/" + orgA).then().statusCode(401);
        bearer(token("dave", "tollgate-cli")).get("/admin/v1/orgs/" + orgA).then().statusCode(401);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = token("alice", "tollgate-cli").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("alice-" + suffix + "@sso.test", "bob-" + suffix + "@sso.test");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        bearer(forged).get("/admin/v1/orgs/" + orgA).then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyForTheIdpsIssuerIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Jwt.issuer(realm).audience("tollgate").subject(UUID.randomUUID().toString())
                .claim("email", "alice-" + suffix + "@sso.test").claim("email_verified", true)
                .claim("groups", List.of("tollgate:ssoa-" + suffix + ":owner"))
                .jws().keyId("not-keycloaks").sign(generator.generateKeyPair().getPrivate());
        bearer(foreign).get("/admin/v1/orgs/" + orgA).then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String shortLived = token("alice", "tollgate-cli-short"); // the client's tokens live one second
        await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ofSeconds(2)).untilAsserted(() ->
                bearer(shortLived).get("/admin/v1/orgs/" + orgA).then().statusCode(401));
    }

    private UUID org(String slug) {
        String id = root.request().contentType("application/json").body(Map.of("slug", slug, "name", "SSO test org"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private String token(String user, String client) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "password", "client_id", client, "username", user + "-" + suffix,
                        "password", PASSWORD))
                .post(realm + "/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
