package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.audit.internal.domain.ChainHead;
import io.tollgate.audit.internal.domain.ChainReport;
import io.tollgate.audit.internal.domain.ChainVerification;
import io.tollgate.audit.internal.domain.RecordedEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V3 on a trail recorded before it, in a scratch schema of the audit database: the rows of V1/V2 are
 * chained per organisation in the order they were recorded, and new rows link onto them.
 */
@QuarkusTest
class AuditChainMigrationTest {

    private static final String ORG = "0199aaaa-0000-7000-8000-0000000000b1";

    @Test
    void rowsRecordedBeforeTheChainAreChainedInRecordedOrder() throws SQLException {
        String schema = "v3_backfill_" + UUID.randomUUID().toString().replace("-", "");
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.audit.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.audit.username", String.class);
        String password = config.getValue("quarkus.datasource.audit.password", String.class);
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            try {
                flyway(url, user, password, schema, "2").migrate();
                sql.execute("SET search_path TO " + schema);
                // Inserted out of order: the backfill follows recorded_at, not insertion.
                sql.execute("""
                        INSERT INTO audit_entries (id, event_id, event_type, source, subject, org_id, occurred_at, recorded_at, data)
                        VALUES (gen_random_uuid(), 'second', 'keys.key-issued.v1', '/tollgate/keys', 'k', '%1$s', now(), now() - interval '1 minute', '{"b": 1, "a": "Zoë"}'),
                               (gen_random_uuid(), 'first', 'identity.org-created.v1', '/tollgate/identity', '%1$s', '%1$s', now(), now() - interval '2 minutes', '{}'),
                               (gen_random_uuid(), 'platform-1', 'identity.user-created.v1', '/tollgate/identity', null, null, now(), now(), 'null')
                        """.formatted(ORG));

                flyway(url, user, password, schema, "latest").migrate();
                sql.execute("""
                        INSERT INTO audit_entries (id, event_id, event_type, source, subject, org_id, occurred_at, data)
                        VALUES (gen_random_uuid(), 'third', 'keys.key-revoked.v1', '/tollgate/keys', 'k', '%s', now(), '{}')
                        """.formatted(ORG));

                List<RecordedEntry> chain = entries(sql, ORG);
                assertThat(chain).extracting(RecordedEntry::eventId).containsExactly("first", "second", "third");
                assertThat(chain).extracting(RecordedEntry::seq).containsExactly(1L, 2L, 3L);
                assertThat(verify(sql, ORG, chain).intact()).isTrue();
                List<RecordedEntry> platform = entries(sql, "platform");
                assertThat(platform).extracting(RecordedEntry::eventId).containsExactly("platform-1");
                assertThat(verify(sql, "platform", platform).intact()).isTrue();
            } finally {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Flyway flyway(String url, String user, String password, String schema, String target) {
        return Flyway.configure().dataSource(url, user, password).schemas(schema).createSchemas(true)
                .locations("classpath:db/audit").target(target).load();
    }

    private static List<RecordedEntry> entries(Statement sql, String chain) throws SQLException {
        List<RecordedEntry> entries = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("""
                SELECT id, chain, seq, event_id, event_type, source, subject, org_id, occurred_at, recorded_at, actor,
                       request_id, source_ip, data::text, hash
                  FROM audit_entries WHERE chain = '%s' ORDER BY seq""".formatted(chain))) {
            while (rows.next()) {
                entries.add(new RecordedEntry(rows.getObject(1, UUID.class), rows.getString(2), rows.getLong(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getObject(8, UUID.class), rows.getTimestamp(9).toInstant(), rows.getTimestamp(10).toInstant(),
                        rows.getString(11), rows.getString(12), rows.getString(13), rows.getString(14), rows.getString(15)));
            }
        }
        return entries;
    }

    private static ChainReport verify(Statement sql, String chain, List<RecordedEntry> entries) throws SQLException {
        ChainHead head;
        try (ResultSet row = sql.executeQuery("SELECT seq, hash FROM audit_chain_heads WHERE chain = '" + chain + "'")) {
            row.next();
            head = new ChainHead(chain, row.getLong(1), row.getString(2));
        }
        ChainVerification verification = new ChainVerification(head);
        entries.forEach(verification::accept);
        return verification.finish();
    }
}
