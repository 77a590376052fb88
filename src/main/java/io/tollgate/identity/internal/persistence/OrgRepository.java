package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Organisations in {@code tollgate_identity}; deleted ones are invisible to every query. */
@ApplicationScoped
public class OrgRepository {

    private static final String COLUMNS = "id, slug, name, status, created_at, version";

    public Uni<Org> insert(SqlClient tx, Org org) {
        return Rows.conflictOnDuplicate(tx.preparedQuery("INSERT INTO orgs (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(org.id(), org.slug(), org.name(), status(org.status()), Rows.utc(org.createdAt()),
                        org.version()))
                .replaceWith(org), "An organisation with slug '" + org.slug() + "' already exists");
    }

    public Uni<Org> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM orgs WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, OrgRepository::map));
    }

    /** The organisation, its row locked for the rest of the transaction (read-modify-write without lost updates). */
    public Uni<Org> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM orgs WHERE id = $1 AND deleted_at IS NULL FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, OrgRepository::map));
    }

    public Uni<Org> findBySlug(SqlClient client, String slug) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM orgs WHERE slug = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(slug)).map(rows -> Rows.first(rows, OrgRepository::map));
    }

    /** Every live organisation, in slug order. */
    public Uni<List<Org>> all(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM orgs WHERE deleted_at IS NULL ORDER BY slug").execute()
                .map(rows -> Rows.all(rows, OrgRepository::map));
    }

    /** The ids of the organisations with these slugs; slugs of no (or a deleted) organisation are absent. */
    public Uni<Map<String, UUID>> idsBySlug(SqlClient client, Collection<String> slugs) {
        return client.preparedQuery("SELECT id, slug FROM orgs WHERE slug = ANY($1) AND deleted_at IS NULL")
                .execute(Tuple.of(slugs.toArray(String[]::new)))
                .map(rows -> Rows.all(rows, row -> Map.entry(row.getString("slug"), row.getUUID("id"))).stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Updates name and status when the stored version is {@code expectedVersion}; emits whether it did. */
    public Uni<Boolean> update(SqlClient tx, Org changed, int expectedVersion) {
        return tx.preparedQuery("""
                UPDATE orgs SET name = $2, status = $3, version = $4
                 WHERE id = $1 AND version = $5 AND deleted_at IS NULL""")
                .execute(Tuple.of(changed.id(), changed.name(), status(changed.status()), changed.version(), expectedVersion))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> softDelete(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE orgs SET deleted_at = now(), version = version + 1 WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).map(result -> result.rowCount() == 1);
    }

    /** A page in id order (ids are time-ordered), after {@code after} when given, limited to {@code only} when given. */
    public Uni<List<Org>> page(SqlClient client, UUID after, int limit, Collection<UUID> only) {
        return client.preparedQuery("""
                SELECT %s FROM orgs WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1)
                   AND ($3::uuid[] IS NULL OR id = ANY($3)) ORDER BY id LIMIT $2""".formatted(COLUMNS))
                .execute(Tuple.of(after, limit, only == null ? null : only.toArray(UUID[]::new)))
                .map(rows -> Rows.all(rows, OrgRepository::map));
    }

    public Uni<Boolean> isEmpty(SqlClient client) {
        return client.query("SELECT NOT EXISTS (SELECT 1 FROM orgs)").execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static String status(OrgStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static Org map(Row row) {
        return new Org(row.getUUID("id"), row.getString("slug"), row.getString("name"),
                OrgStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), Rows.instant(row, "created_at"),
                row.getInteger("version"));
    }
}
