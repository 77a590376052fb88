package io.tollgate.policy.internal.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.domain.Drift;
import io.tollgate.policy.internal.domain.FieldChange;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Drift not put right ({@code drift}): what the last sync found and left in place (report mode, or failed restores). */
@ApplicationScoped
public class DriftRepository {

    private static final TypeReference<List<FieldChange>> FIELDS = new TypeReference<>() {
    };

    /** A drifted object with when it was first seen drifted and the commit Git had then. */
    public record Recorded(Drift drift, String sourceCommit, Instant detectedAt) {
    }

    private final Json json;

    public DriftRepository(Json json) {
        this.json = json;
    }

    /**
     * Makes {@code open} the source's drift: rows of objects no longer drifted go, new ones come with the time now,
     * and an object still drifted keeps the time it was first detected.
     */
    public Uni<Void> replace(SqlClient client, String source, List<Drift> open, String commit) {
        String[] refs = open.stream().map(d -> d.ref().toString()).toArray(String[]::new);
        Uni<Void> prune = client.preparedQuery("DELETE FROM drift WHERE source = $1 AND NOT (ref = ANY($2))")
                .execute(Tuple.of(source, refs)).replaceWithVoid();
        for (Drift drift : open) {
            ObjectRef ref = drift.ref();
            prune = prune.chain(() -> client.preparedQuery("""
                    INSERT INTO drift (source, ref, kind, namespace, name, fields, deleted, source_commit, detected_at)
                    VALUES ($1, $2, $3, $4, $5, CAST($6::text AS jsonb), $7, $8, now())
                    ON CONFLICT (source, ref) DO UPDATE SET fields = CAST($6::text AS jsonb), deleted = $7,
                      source_commit = $8""")
                    .execute(Tuple.from(Arrays.asList(source, ref.toString(), ref.kind(), ref.namespace(), ref.name(),
                            json.write(drift.fields()), drift.deleted(), commit)))
                    .replaceWithVoid());
        }
        return prune;
    }

    public Uni<List<Recorded>> current(SqlClient client, String source) {
        return client.preparedQuery("""
                SELECT kind, namespace, name, fields::text AS fields, deleted, source_commit, detected_at
                  FROM drift WHERE source = $1 ORDER BY ref""").execute(Tuple.of(source))
                .map(rows -> {
                    List<Recorded> drift = new ArrayList<>();
                    for (Row row : rows) {
                        drift.add(new Recorded(new Drift(Json.ref(row), json.read(row.getString("fields"), FIELDS),
                                row.getBoolean("deleted")), row.getString("source_commit"),
                                Json.instant(row, "detected_at")));
                    }
                    return drift;
                });
    }
}
