package io.tollgate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Each context's database role reaches its own database and no other (ADR 0003). */
@QuarkusTest
class DatabaseIsolationTest {

    @Test
    void contextRoleConnectsToItsOwnDatabase() throws SQLException {
        try (Connection own = connect("identity", "tollgate_identity")) {
            assertThat(own.isValid(2)).isTrue();
        }
    }

    @Test
    void contextRoleCannotConnectToAnotherContextsDatabase() {
        assertThatThrownBy(() -> connect("identity", "tollgate_audit").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"tollgate_audit\"");
        assertThatThrownBy(() -> connect("audit", "tollgate_identity").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"tollgate_identity\"");
        // Metering keeps its own price projection: it never reads the catalog's database.
        assertThatThrownBy(() -> connect("metering", "tollgate_catalog").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"tollgate_catalog\"");
    }

    private static Connection connect(String context, String database) throws SQLException {
        Config config = ConfigProvider.getConfig();
        String prefix = "quarkus.datasource." + context + ".";
        String url = config.getValue(prefix + "jdbc.url", String.class).replaceFirst("/tollgate_[a-z]+$", "/" + database);
        return DriverManager.getConnection(url, config.getValue(prefix + "username", String.class),
                config.getValue(prefix + "password", String.class));
    }
}
