package io.tollgate.audit.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditChain;
import io.tollgate.audit.internal.domain.AuditEntry;
import io.tollgate.audit.internal.domain.AuditFilter;
import io.tollgate.audit.internal.domain.ChainHead;
import io.tollgate.audit.internal.domain.RecordedEntry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only {@code audit_entries} table: rows are inserted, never updated or deleted. The database links
 * each inserted row into its chain (trigger {@code audit_entries_chain}, ADR 0021).
 */
@ApplicationScoped
public class AuditEntryRepository {

    private static final String COLUMNS = "id, chain, seq, event_id, event_type, source, subject, org_id, occurred_at,"
            + " recorded_at, actor, request_id, source_ip, data::text AS data, hash";

    public Uni<Void> append(SqlClient tx, AuditEntry entry) {
        return tx.preparedQuery("""
                INSERT INTO audit_entries (id, event_id, event_type, source, subject, org_id, occurred_at, actor,
                                           request_id, source_ip, data)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CAST($11::text AS jsonb))""")
                .execute(Tuple.from(new Object[] { entry.id(), entry.eventId(), entry.eventType(), entry.source(),
                        entry.subject(), entry.orgId(), entry.occurredAt().atOffset(ZoneOffset.UTC), entry.actor(),
                        entry.requestId(), entry.sourceIp(), entry.data() }))
                .replaceWithVoid();
    }

    /**
     * One page of an organisation's entries, newest (highest sequence) first, after the entry {@code after}
     * (a cursor; an id from another chain selects nothing).
     */
    public Uni<List<RecordedEntry>> page(SqlClient client, UUID orgId, AuditFilter filter, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                 FROM audit_entries
                WHERE chain = $1
                  AND ($2::text IS NULL OR actor = $2)
                  AND ($3::text IS NULL OR event_type = $3)
                  AND ($4::text IS NULL OR subject = $4)
                  AND ($5::timestamptz IS NULL OR occurred_at >= $5)
                  AND ($6::timestamptz IS NULL OR occurred_at < $6)
                  AND ($7::uuid IS NULL OR seq < (SELECT c.seq FROM audit_entries c WHERE c.id = $7 AND c.chain = $1))
                ORDER BY seq DESC
                LIMIT $8""")
                .execute(Tuple.from(new Object[] { AuditChain.chainOf(orgId), filter.actor(), filter.action(),
                        filter.target(), utc(filter.from()), utc(filter.to()), after, limit }))
                .map(AuditEntryRepository::entries);
    }

    /**
     * The chains to verify, by name: every head, and with a genesis head any chain whose entries have none
     * (its head row was removed). {@code chain} null means all.
     */
    public Uni<List<ChainHead>> heads(SqlClient client, String chain) {
        return client.preparedQuery("""
                SELECT chain, seq, hash FROM audit_chain_heads WHERE $1::text IS NULL OR chain = $1
                UNION ALL
                SELECT DISTINCT e.chain, 0::bigint, $2::text FROM audit_entries e
                 WHERE ($1::text IS NULL OR e.chain = $1)
                   AND NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = e.chain)
                ORDER BY chain""")
                .execute(Tuple.of(chain, AuditChain.GENESIS))
                .map(rows -> {
                    List<ChainHead> heads = new ArrayList<>();
                    rows.forEach(row -> heads.add(new ChainHead(row.getString("chain"), row.getLong("seq"),
                            row.getString("hash"))));
                    return heads;
                });
    }

    /** The next {@code limit} entries of a chain after sequence {@code afterSeq}, in chain order. */
    public Uni<List<RecordedEntry>> links(SqlClient client, String chain, long afterSeq, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM audit_entries WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(chain, afterSeq, limit))
                .map(AuditEntryRepository::entries);
    }

    private static List<RecordedEntry> entries(RowSet<Row> rows) {
        List<RecordedEntry> entries = new ArrayList<>(rows.size());
        rows.forEach(row -> entries.add(new RecordedEntry(row.getUUID("id"), row.getString("chain"), row.getLong("seq"),
                row.getString("event_id"), row.getString("event_type"), row.getString("source"),
                row.getString("subject"), row.getUUID("org_id"), instant(row, "occurred_at"),
                instant(row, "recorded_at"), row.getString("actor"), row.getString("request_id"),
                row.getString("source_ip"), row.getString("data"), row.getString("hash"))));
        return entries;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
