package io.tollgate.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The first start against an empty identity database: exactly one superadmin, from the configuration, is created
 * and can log in, and the demo organisation with its project is seeded. Runs against a fresh database made for it
 * as the local PostgreSQL superuser (so with the local services of {@code scripts/services-up}), owned by the
 * identity role like the real one, and dropped afterwards.
 */
@QuarkusTest
@TestProfile(FirstStartTest.EmptyIdentityDatabase.class)
class FirstStartTest {

    static final String ADMIN = "first-admin@tollgate.test";
    static final String PASSWORD = "first-start-passphrase-1";

    public static class EmptyIdentityDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.admin.email", ADMIN, "tollgate.admin.password", PASSWORD, "tollgate.seed.demo", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshDatabase.class));
        }
    }

    /** Creates {@code tollgate_identity_first_<random>} and points the identity datasource at it. */
    public static class FreshDatabase implements QuarkusTestResourceLifecycleManager {
        private String name;

        @Override
        public Map<String, String> start() {
            name = "tollgate_identity_first_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
                admin.createStatement().execute("CREATE DATABASE " + name + " OWNER tollgate_identity");
            } catch (SQLException e) {
                throw new IllegalStateException("This test needs the local PostgreSQL superuser (scripts/services-up)", e);
            }
            return Map.of(
                    "quarkus.datasource.identity.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + name,
                    "quarkus.datasource.identity.reactive.url", "postgresql://127.0.0.1:5432/" + name);
        }

        @Override
        public void stop() {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theConfiguredSuperadminExistsOnceAndTheDemoTenantIsSeeded() throws Exception {
        String token = given().contentType("application/json").body(Map.of("email", ADMIN, "password", PASSWORD))
                .post("/admin/v1/auth/login").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + token).get("/admin/v1/orgs")
                .then().statusCode(200).body("items.slug", hasItem("demo"));

        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.identity.jdbc.url", String.class),
                config.getValue("quarkus.datasource.identity.username", String.class),
                config.getValue("quarkus.datasource.identity.password", String.class))) {
            var rows = db.createStatement().executeQuery(
                    "SELECT (SELECT count(*) FROM users WHERE superadmin), (SELECT count(*) FROM orgs), (SELECT count(*) FROM projects)");
            rows.next();
            assertThat(rows.getLong(1)).as("superadmins").isEqualTo(1);
            assertThat(rows.getLong(2)).as("organisations").isEqualTo(1);
            assertThat(rows.getLong(3)).as("projects").isEqualTo(1);
        }
    }
}
