package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgStatus;
import io.tollgate.platform.error.TollgateException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Organisations in {@code tollgate_identity}, with plain SQL on the reactive client. */
@ApplicationScoped
public class OrgRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, slug, name, status, created_at";

    public Uni<Org> insert(SqlClient tx, Org org) {
        return tx.preparedQuery("INSERT INTO orgs (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(org.id(), org.slug(), org.name(), org.status().name().toLowerCase(Locale.ROOT),
                        org.createdAt().atOffset(ZoneOffset.UTC)))
                .replaceWith(org)
                .onFailure(PgException.class).transform(e -> UNIQUE_VIOLATION.equals(((PgException) e).getSqlState())
                        ? TollgateException.conflict("An organisation with slug '" + org.slug() + "' already exists")
                        : e);
    }

    public Uni<Org> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM orgs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    /** A page in id order (ids are time-ordered), starting after {@code after} when given. */
    public Uni<List<Org>> page(SqlClient client, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM orgs WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<Org> orgs = new java.util.ArrayList<>();
                    rows.forEach(row -> orgs.add(map(row)));
                    return orgs;
                });
    }

    private static Org map(Row row) {
        return new Org(row.getUUID("id"), row.getString("slug"), row.getString("name"),
                OrgStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
