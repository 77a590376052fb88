package io.tollgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Real accounts for tests, logged in through the real API. A superadmin is written straight into the identity
 * database (tests must not depend on the bootstrap admin of a database that outlives them); everyone else is
 * created through the API as a superadmin would.
 */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-battery-9";
    private static final String HASH = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(12));

    private Accounts() {
    }

    /** A logged-in caller: their user id, e-mail and access token. */
    public record Session(UUID userId, String email, String accessToken, String refreshToken) {
        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + accessToken);
        }
    }

    public static Session superadmin() {
        String email = Unique.slug("root") + "@test.tollgate";
        UUID id = UUID.randomUUID();
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.identity.jdbc.url", String.class),
                config.getValue("quarkus.datasource.identity.username", String.class),
                config.getValue("quarkus.datasource.identity.password", String.class));
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO users (id, email, email_normalized, display_name, password_hash, status, superadmin, created_at)
                        VALUES (?, ?, ?, 'Test superadmin', ?, 'active', true, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, email);
            insert.setString(3, email);
            insert.setString(4, HASH);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return login(id, email);
    }

    /** A new user, created by {@code admin}, not yet a member of anything. */
    public static Session user(Session admin) {
        String email = Unique.slug("user") + "@test.tollgate";
        String id = admin.request().contentType("application/json")
                .body(Map.of("email", email, "displayName", "Test user", "password", PASSWORD))
                .post("/admin/v1/users").then().statusCode(201).extract().path("id");
        return login(UUID.fromString(id), email);
    }

    /** A new organisation created by {@code admin}; returns its id. */
    public static UUID org(Session admin) {
        String id = admin.request().contentType("application/json")
                .body(Map.of("slug", Unique.slug("org"), "name", "Test org"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A new user who is a member of {@code org} with {@code role}, added by {@code admin}. */
    public static Session member(Session admin, UUID org, String role) {
        Session user = user(admin);
        admin.request().contentType("application/json").body(Map.of("email", user.email(), "role", role))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(201);
        return user;
    }

    public static Session login(UUID userId, String email) {
        var response = given().contentType("application/json").body(Map.of("email", email, "password", PASSWORD))
                .post("/admin/v1/auth/login").then().statusCode(200).extract();
        return new Session(userId, email, response.path("access_token"), response.path("refresh_token"));
    }
}
