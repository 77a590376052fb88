package io.tollgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every table and column that the migrations create is described in {@code docs/schema/<context>.md}, and the
 * docs describe nothing that does not exist. Runs after the application has migrated every database.
 */
@QuarkusTest
class SchemaDocsMatchDatabasesTest {

    /** Every context with migrations under {@code src/main/resources/db/}. */
    static Stream<String> contexts() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("src/main/resources/db"))) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contexts")
    void schemaDocDescribesTheDatabase(String context) throws Exception {
        Path doc = Path.of("docs/schema", context + ".md");
        assertThat(doc).as("schema doc of %s", context).exists();
        assertThat(SchemaDoc.differences(columnsOf(context), SchemaDoc.documentedColumns(Files.readAllLines(doc))))
                .isEmpty();
    }

    private static Set<String> columnsOf(String context) throws SQLException {
        Config config = ConfigProvider.getConfig();
        String prefix = "quarkus.datasource." + context + ".";
        Set<String> columns = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(config.getValue(prefix + "jdbc.url", String.class),
                config.getValue(prefix + "username", String.class), config.getValue(prefix + "password", String.class));
                ResultSet rows = connection.createStatement().executeQuery("""
                        SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'""")) {
            while (rows.next()) {
                columns.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return columns;
    }
}
