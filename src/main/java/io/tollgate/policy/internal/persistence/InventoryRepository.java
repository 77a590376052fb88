package io.tollgate.policy.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.domain.Managed;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects Git manages per source ({@code managed_objects}). */
@ApplicationScoped
public class InventoryRepository {

    private final Json json;

    public InventoryRepository(Json json) {
        this.json = json;
    }

    public Uni<Map<ObjectRef, Managed>> all(SqlClient client, String source) {
        return client.preparedQuery("""
                SELECT kind, namespace, name, source_commit, applied_spec::text AS applied_spec, applied_at
                  FROM managed_objects WHERE source = $1 ORDER BY ref""").execute(Tuple.of(source))
                .map(rows -> {
                    Map<ObjectRef, Managed> managed = new LinkedHashMap<>();
                    for (Row row : rows) {
                        ObjectRef ref = Json.ref(row);
                        managed.put(ref, new Managed(ref, row.getString("source_commit"),
                                json.object(row.getString("applied_spec")), Json.instant(row, "applied_at")));
                    }
                    return managed;
                });
    }

    /** Records that Git applied {@code managed}'s spec at its commit (created, updated or adopted). */
    public Uni<Void> save(SqlClient client, String source, Managed managed) {
        ObjectRef ref = managed.ref();
        return client.preparedQuery("""
                INSERT INTO managed_objects (source, ref, kind, namespace, name, source_commit, applied_spec, applied_at)
                VALUES ($1, $2, $3, $4, $5, $6, CAST($7::text AS jsonb), $8)
                ON CONFLICT (source, ref) DO UPDATE
                  SET source_commit = $6, applied_spec = CAST($7::text AS jsonb), applied_at = $8""")
                .execute(Tuple.from(Arrays.asList(source, ref.toString(), ref.kind(), ref.namespace(), ref.name(),
                        managed.sourceCommit(), json.write(managed.appliedSpec()), Json.time(managed.appliedAt()))))
                .replaceWithVoid();
    }

    /** Notes that unchanged objects are still declared at {@code commit}. */
    public Uni<Void> touch(SqlClient client, String source, List<ObjectRef> refs, String commit) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE managed_objects SET source_commit = $3 WHERE source = $1 AND ref = ANY($2)")
                .execute(Tuple.of(source, refs.stream().map(ObjectRef::toString).toArray(String[]::new), commit))
                .replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient client, String source, ObjectRef ref) {
        return client.preparedQuery("DELETE FROM managed_objects WHERE source = $1 AND ref = $2")
                .execute(Tuple.of(source, ref.toString())).replaceWithVoid();
    }
}
