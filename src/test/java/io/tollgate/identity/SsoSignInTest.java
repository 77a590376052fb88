package io.tollgate.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The SSO mapping (ADR 0018) in the fast suite, with a stand-in IdP: the {@code sso} tenant verifies tokens with a key
 * pair made for this run instead of discovering Keycloak. {@code SsoKeycloakTest} runs against the real thing.
 */
@QuarkusTest
@TestProfile(SsoSignInTest.LocalIdp.class)
class SsoSignInTest {

    private static final String ISSUER = "https://idp.sso-test.invalid/realms/tollgate";

    /** The sso tenant, on, trusting a key made for this run; the private half is for the test to sign with. */
    public static class LocalIdp implements QuarkusTestProfile {
        private static final KeyPair PAIR = pair();

        @Override
        public Map<String, String> getConfigOverrides() {
            Base64.Encoder base64 = Base64.getEncoder();
            return Map.of("quarkus.oidc.sso.tenant-enabled", "true",
                    "quarkus.oidc.sso.public-key", base64.encodeToString(PAIR.getPublic().getEncoded()),
                    "quarkus.oidc.sso.token.issuer", ISSUER,
                    "tollgate.test.idp.signing-key", base64.encodeToString(PAIR.getPrivate().getEncoded()));
        }

        private static KeyPair pair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void firstSignInCreatesTheUserWithTheGrantedRoleOnly() {
        Session root = Accounts.superadmin();
        String slug = Unique.slug("sso");
        UUID org = org(root, slug);
        UUID other = org(root, Unique.slug("sso"));
        String email = Unique.slug("ann") + "@sso.test";
        RequestSpecification ann = bearer(token(email, List.of("tollgate:" + slug + ":developer", "unrelated")));
        ann.get("/admin/v1/orgs/" + org).then().statusCode(200);
        bearer(token(email, List.of("tollgate:" + slug + ":developer"))).contentType("application/json")
                .body(Map.of("name", "Not allowed")).patch("/admin/v1/orgs/" + org).then().statusCode(403);
        bearer(token(email, List.of("tollgate:" + slug + ":developer"))).get("/admin/v1/orgs/" + other).then().statusCode(404);
        bearer(token(email, List.of("tollgate:" + slug + ":developer"))).get("/admin/v1/users").then().statusCode(403);
        root.request().get("/admin/v1/orgs/" + org + "/members").then().statusCode(200).body("items.email", hasItem(email));
        // No password: the account cannot log in with one.
        given().contentType("application/json").body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/admin/v1/auth/login").then().statusCode(401);
    }

    @Test
    void theClaimRulesTheOrgsItNamesAndOnlyThose() {
        Session root = Accounts.superadmin();
        String slugA = Unique.slug("sso");
        UUID a = org(root, slugA);
        UUID b = org(root, Unique.slug("sso"));
        String email = Unique.slug("ben") + "@sso.test";
        bearer(token(email, List.of("tollgate:" + slugA + ":viewer"))).get("/admin/v1/orgs/" + a).then().statusCode(200);
        root.request().contentType("application/json").body(Map.of("email", email, "role", "viewer"))
                .post("/admin/v1/orgs/" + b + "/members").then().statusCode(201);
        // Promoted in A at the IdP; B, made through the API, is not the IdP's business.
        bearer(token(email, List.of("tollgate:" + slugA + ":admin"))).contentType("application/json")
                .body(Map.of("name", "Renamed")).patch("/admin/v1/orgs/" + a).then().statusCode(200);
        bearer(token(email, List.of())).get("/admin/v1/orgs/" + b).then().statusCode(200);
        // Dropped from A at the IdP: the SSO membership goes at the next request.
        bearer(token(email, List.of())).get("/admin/v1/orgs/" + a).then().statusCode(404);
        root.request().get("/admin/v1/orgs/" + a + "/members").then().statusCode(200).body("items.email", not(hasItem(email)));
    }

    @Test
    void badGrantsAreIgnoredAndBadIdentitiesRefused() {
        Session root = Accounts.superadmin();
        String slug = Unique.slug("sso");
        UUID org = org(root, slug);
        String email = Unique.slug("cat") + "@sso.test";
        bearer(token(email, List.of("tollgate:" + slug + ":emperor", "tollgate:" + slug, "tollgate:no-such-org-x:owner",
                "tollgate:" + slug + ":superadmin"))).get("/admin/v1/orgs/" + org).then().statusCode(404);
        bearer(sign(claims(null, List.of("tollgate:" + slug + ":owner")))).get("/admin/v1/orgs/" + org).then().statusCode(401);
        bearer(sign(claims("not-an-address", List.of()))).get("/admin/v1/orgs/" + org).then().statusCode(401);
        bearer(sign(claims(email, List.of("tollgate:" + slug + ":owner")).claim("email_verified", false)))
                .get("/admin/v1/orgs/" + org).then().statusCode(401);
        bearer(sign(claims(email, List.of()).audience("another-app"))).get("/admin/v1/orgs/" + org).then().statusCode(401);
        bearer(sign(claims(email, List.of()).issuer("https://elsewhere.invalid"))).get("/admin/v1/orgs/" + org)
                .then().statusCode(401);
        bearer(sign(claims(email, List.of()).expiresAt(1))).get("/admin/v1/orgs/" + org).then().statusCode(401);
    }

    private static UUID org(Session root, String slug) {
        String id = root.request().contentType("application/json").body(Map.of("slug", slug, "name", "SSO org"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static String token(String email, List<String> groups) {
        return sign(claims(email, groups));
    }

    private static JwtClaimsBuilder claims(String email, List<String> groups) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience("tollgate").subject(UUID.randomUUID().toString())
                .claim("email_verified", true).claim("name", "SSO Person");
        if (!groups.isEmpty()) { // no claim at all: no grant
            claims.claim("groups", groups);
        }
        return email == null ? claims : claims.claim("email", email);
    }

    private static String sign(JwtClaimsBuilder claims) {
        try {
            byte[] der = Base64.getDecoder().decode(
                    ConfigProvider.getConfig().getValue("tollgate.test.idp.signing-key", String.class));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return claims.jws().sign(key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
