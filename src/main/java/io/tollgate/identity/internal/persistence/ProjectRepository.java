package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.Project;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Projects, always read within their organisation. */
@ApplicationScoped
public class ProjectRepository {

    private static final String COLUMNS = "id, org_id, slug, name, created_at";

    public Uni<Project> insert(SqlClient tx, Project project) {
        return Rows.conflictOnDuplicate(tx.preparedQuery("INSERT INTO projects (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(project.id(), project.orgId(), project.slug(), project.name(), Rows.utc(project.createdAt())))
                .replaceWith(project), "A project with slug '" + project.slug() + "' already exists in this organisation");
    }

    public Uni<List<Project>> page(SqlClient client, UUID orgId, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM projects WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(orgId, after, limit)).map(rows -> Rows.all(rows, ProjectRepository::map));
    }

    public Uni<Project> find(SqlClient client, UUID orgId, UUID projectId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM projects WHERE org_id = $1 AND id = $2")
                .execute(Tuple.of(orgId, projectId)).map(rows -> Rows.first(rows, ProjectRepository::map));
    }

    public Uni<Project> findBySlug(SqlClient client, UUID orgId, String slug) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM projects WHERE org_id = $1 AND slug = $2")
                .execute(Tuple.of(orgId, slug)).map(rows -> Rows.first(rows, ProjectRepository::map));
    }

    /** Every project of every live organisation, in slug order. */
    public Uni<List<Project>> all(SqlClient client) {
        return client.query("""
                SELECT %s FROM projects p WHERE EXISTS (SELECT 1 FROM orgs o WHERE o.id = p.org_id AND o.deleted_at IS NULL)
                 ORDER BY slug""".formatted(COLUMNS)).execute().map(rows -> Rows.all(rows, ProjectRepository::map));
    }

    /** Emits whether the project exists in the organisation (and was renamed). */
    public Uni<Boolean> rename(SqlClient tx, UUID orgId, UUID projectId, String name) {
        return tx.preparedQuery("UPDATE projects SET name = $3 WHERE org_id = $1 AND id = $2")
                .execute(Tuple.of(orgId, projectId, name)).map(result -> result.rowCount() == 1);
    }

    private static Project map(Row row) {
        return new Project(row.getUUID("id"), row.getUUID("org_id"), row.getString("slug"), row.getString("name"),
                Rows.instant(row, "created_at"));
    }
}
