package io.tollgate.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthApiTest {

    @Test
    void loginAnswersAnOAuthTokenResponseThatAuthenticates() {
        Session root = Accounts.superadmin();
        given().contentType("application/json").body(Map.of("email", root.email().toUpperCase(), "password", Accounts.PASSWORD))
                .post("/admin/v1/auth/login")
                .then().statusCode(200).header("cache-control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .body("access_token", notNullValue()).body("refresh_token", notNullValue());
        root.request().get("/admin/v1/orgs").then().statusCode(200);
    }

    @Test
    void unknownAccountAndWrongPasswordAnswerAlike() {
        Session root = Accounts.superadmin();
        var wrongPassword = given().contentType("application/json")
                .body(Map.of("email", root.email(), "password", "not-the-password-at-all"))
                .post("/admin/v1/auth/login").then().statusCode(401).extract();
        var unknown = given().contentType("application/json")
                .body(Map.of("email", Unique.slug("nobody") + "@test.tollgate", "password", "not-the-password-at-all"))
                .post("/admin/v1/auth/login").then().statusCode(401).extract();
        assertThat(unknown.jsonPath().getString("detail")).isEqualTo(wrongPassword.jsonPath().getString("detail"));
        assertThat(unknown.jsonPath().getString("type")).isEqualTo(wrongPassword.jsonPath().getString("type"));
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheFamily() {
        Session root = Accounts.superadmin();
        String next = given().contentType("application/json").body(Map.of("refresh_token", root.refreshToken()))
                .post("/admin/v1/auth/refresh").then().statusCode(200).body("access_token", notNullValue())
                .extract().path("refresh_token");
        assertThat(next).isNotEqualTo(root.refreshToken());

        given().contentType("application/json").body(Map.of("refresh_token", root.refreshToken()))
                .post("/admin/v1/auth/refresh").then().statusCode(401);
        given().contentType("application/json").body(Map.of("refresh_token", next))
                .post("/admin/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Session root = Accounts.superadmin();
        given().contentType("application/json").body(Map.of("refresh_token", root.refreshToken()))
                .post("/admin/v1/auth/logout").then().statusCode(204);
        given().contentType("application/json").body(Map.of("refresh_token", root.refreshToken()))
                .post("/admin/v1/auth/refresh").then().statusCode(401);
        given().contentType("application/json").body(Map.of("refresh_token", "tgr_unknown"))
                .post("/admin/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void failedLoginsAreThrottledPerAccount() {
        Session root = Accounts.superadmin();
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("email", root.email(), "password", "wrong-password-" + i))
                    .post("/admin/v1/auth/login").then().statusCode(401);
        }
        given().contentType("application/json").body(Map.of("email", root.email(), "password", Accounts.PASSWORD))
                .post("/admin/v1/auth/login")
                .then().statusCode(429).header("retry-after", notNullValue())
                .body("type", equalTo("https://tollgate.io/problems/rate-limited"));
    }

    @Test
    void passwordsOverTheBcryptLimitAreRefusedNotTruncated() {
        Session root = Accounts.superadmin();
        String seventyThreeBytes = "é".repeat(36) + "x"; // 36 × 2 bytes + 1 = 73 bytes, 37 characters
        root.request().contentType("application/json")
                .body(Map.of("email", Unique.slug("long") + "@test.tollgate", "password", seventyThreeBytes))
                .post("/admin/v1/users").then().statusCode(400).body("errors", hasKey("password"));
        given().contentType("application/json").body(Map.of("email", root.email(), "password", seventyThreeBytes))
                .post("/admin/v1/auth/login").then().statusCode(401);
    }

    @Test
    void weakPasswordsAndBadAddressesAreRefused() {
        Session root = Accounts.superadmin();
        root.request().contentType("application/json").body(Map.of("email", "not-an-address", "password", "short"))
                .post("/admin/v1/users").then().statusCode(400).body("errors", hasKey("email")).body("errors", hasKey("password"));
        root.request().contentType("application/json").body(Map.of("email", "a@b.co", "password", "aaaaaaaaaaaaaaaa"))
                .post("/admin/v1/users").then().statusCode(400).body("errors", hasKey("password"));
    }

    @Test
    void emailsAreUniqueCaseInsensitively() {
        Session root = Accounts.superadmin();
        String email = Unique.slug("dup") + "@test.tollgate";
        root.request().contentType("application/json").body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/admin/v1/users").then().statusCode(201);
        root.request().contentType("application/json").body(Map.of("email", email.toUpperCase(), "password", Accounts.PASSWORD))
                .post("/admin/v1/users").then().statusCode(409);
    }

    @Test
    void malformedOrForgedTokensAreUnauthenticated() {
        given().header("Authorization", "Bearer not-a-jwt").get("/admin/v1/orgs").then().statusCode(401);
        given().header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/admin/v1/orgs").then().statusCode(401);
        given().contentType("application/json").body("{\"email\":").post("/admin/v1/auth/login").then().statusCode(400);
        given().contentType("application/json").body("{}").post("/admin/v1/auth/login").then().statusCode(401);
    }
}
