package io.tollgate.audit.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditEntry;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/** The append-only {@code audit_entries} table: rows are inserted, never updated or deleted. */
@ApplicationScoped
public class AuditEntryRepository {

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
}
