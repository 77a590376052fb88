package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.Membership;
import io.tollgate.identity.internal.domain.MembershipSync;
import io.tollgate.platform.security.OrgRole;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Memberships of users in organisations (of organisations that are not deleted). */
@ApplicationScoped
public class MembershipRepository {

    private static final String SELECT = """
            SELECT m.org_id, m.user_id, u.email, u.display_name, m.role, m.created_at, m.version
              FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
             WHERE o.deleted_at IS NULL""";

    public Uni<Void> insert(SqlClient tx, UUID orgId, UUID userId, OrgRole role) {
        return Rows.conflictOnDuplicate(tx.preparedQuery(
                "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, now())")
                .execute(Tuple.of(orgId, userId, role.apiName())).replaceWithVoid(), "This user is already a member");
    }

    /** The membership, its row locked for the rest of the transaction. */
    public Uni<Membership> lock(SqlClient tx, UUID orgId, UUID userId) {
        return tx.preparedQuery(SELECT + " AND m.org_id = $1 AND m.user_id = $2 FOR UPDATE OF m").execute(Tuple.of(orgId, userId))
                .map(rows -> Rows.first(rows, MembershipRepository::map));
    }

    public Uni<Membership> find(SqlClient client, UUID orgId, UUID userId) {
        return client.preparedQuery(SELECT + " AND m.org_id = $1 AND m.user_id = $2").execute(Tuple.of(orgId, userId))
                .map(rows -> Rows.first(rows, MembershipRepository::map));
    }

    public Uni<List<Membership>> page(SqlClient client, UUID orgId, UUID afterUser, int limit) {
        return client.preparedQuery(SELECT + " AND m.org_id = $1 AND ($2::uuid IS NULL OR m.user_id > $2) ORDER BY m.user_id LIMIT $3")
                .execute(Tuple.of(orgId, afterUser, limit)).map(rows -> Rows.all(rows, MembershipRepository::map));
    }

    /** Every membership of every live organisation. */
    public Uni<List<Membership>> all(SqlClient client) {
        return client.query(SELECT + " ORDER BY m.org_id, m.user_id").execute()
                .map(rows -> Rows.all(rows, MembershipRepository::map));
    }

    /** Every organisation the user belongs to, with the role. */
    public Uni<Map<UUID, OrgRole>> rolesOf(SqlClient client, UUID userId) {
        return client.preparedQuery(SELECT + " AND m.user_id = $1").execute(Tuple.of(userId))
                .map(rows -> Rows.all(rows, MembershipRepository::map).stream()
                        .collect(Collectors.toMap(Membership::orgId, Membership::role)));
    }

    /** Every organisation the user belongs to, with the role and whether the external IdP manages it. */
    public Uni<Map<UUID, MembershipSync.Current>> syncView(SqlClient client, UUID userId) {
        return client.preparedQuery("""
                SELECT m.org_id, m.role, m.managed_by_sso FROM memberships m JOIN orgs o ON o.id = m.org_id
                 WHERE o.deleted_at IS NULL AND m.user_id = $1""")
                .execute(Tuple.of(userId))
                .map(rows -> Rows.all(rows, row -> Map.entry(row.getUUID("org_id"), new MembershipSync.Current(
                        OrgRole.fromApiName(row.getString("role")).orElseThrow(), row.getBoolean("managed_by_sso"))))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Gives the user {@code role} in the organisation as an SSO-managed membership, creating it when missing. */
    public Uni<Void> assignBySso(SqlClient tx, UUID orgId, UUID userId, OrgRole role) {
        return tx.preparedQuery("""
                INSERT INTO memberships (org_id, user_id, role, created_at, managed_by_sso) VALUES ($1, $2, $3, now(), true)
                ON CONFLICT (org_id, user_id) DO UPDATE
                   SET role = excluded.role, managed_by_sso = true, version = memberships.version + 1""")
                .execute(Tuple.of(orgId, userId, role.apiName())).replaceWithVoid();
    }

    public Uni<Boolean> updateRole(SqlClient tx, UUID orgId, UUID userId, OrgRole role, int expectedVersion) {
        return tx.preparedQuery("""
                UPDATE memberships SET role = $3, version = version + 1
                 WHERE org_id = $1 AND user_id = $2 AND version = $4""")
                .execute(Tuple.of(orgId, userId, role.apiName(), expectedVersion)).map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient tx, UUID orgId, UUID userId) {
        return tx.preparedQuery("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.of(orgId, userId)).map(result -> result.rowCount() == 1);
    }

    /** Owners of the organisation, locking their rows so that two removals cannot leave it without one. */
    public Uni<Long> lockOwners(SqlClient tx, UUID orgId) {
        return tx.preparedQuery("SELECT user_id FROM memberships WHERE org_id = $1 AND role = 'owner' FOR UPDATE")
                .execute(Tuple.of(orgId)).map(rows -> (long) rows.rowCount());
    }

    private static Membership map(Row row) {
        return new Membership(row.getUUID("org_id"), row.getUUID("user_id"), row.getString("email"),
                row.getString("display_name"), OrgRole.fromApiName(row.getString("role")).orElseThrow(),
                Rows.instant(row, "created_at"), row.getInteger("version"));
    }
}
