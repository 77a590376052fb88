package io.tollgate.policy.internal.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Ids;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.domain.SyncRun;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sync runs ({@code sync_runs}): requests from the API wait here until a worker takes them. */
@ApplicationScoped
public class SyncRunRepository {

    private static final TypeReference<List<DocumentError>> ERRORS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, trigger, requested_by, requested_at, started_at, finished_at, commit, outcome, created, updated, deleted,
            drifted, errors::text AS errors""";

    private final Json json;

    public SyncRunRepository(Json json) {
        this.json = json;
    }

    /** A new run; {@code outcome} is {@code requested} for an API request, {@code running} for one that starts now. */
    public Uni<UUID> insert(SqlClient client, String source, String trigger, String requestedBy, Outcome outcome) {
        UUID id = Ids.newId();
        Instant now = Instant.now();
        return client.preparedQuery("""
                INSERT INTO sync_runs (id, source, trigger, requested_by, requested_at, started_at, outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(Arrays.asList(id, source, trigger, requestedBy, Json.time(now),
                        outcome == Outcome.REQUESTED ? null : Json.time(now), outcome.apiName())))
                .replaceWith(id);
    }

    /** Marks every requested run of the source as started by this one; emits whether there was any. */
    public Uni<List<UUID>> takeRequested(SqlClient client, String source) {
        return client.preparedQuery("""
                UPDATE sync_runs SET outcome = 'running', started_at = now()
                 WHERE source = $1 AND outcome = 'requested' RETURNING id""").execute(Tuple.of(source))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    public Uni<Void> finish(SqlClient client, List<UUID> ids, String commit, Outcome outcome, SyncRun.Counts counts,
            List<DocumentError> errors) {
        return client.preparedQuery("""
                UPDATE sync_runs SET finished_at = now(), commit = $2, outcome = $3, created = $4, updated = $5,
                       deleted = $6, drifted = $7, errors = CAST($8::text AS jsonb)
                 WHERE id = ANY($1)""")
                .execute(Tuple.from(Arrays.asList(ids.toArray(UUID[]::new), commit, outcome.apiName(), counts.created(),
                        counts.updated(), counts.deleted(), counts.drifted(), json.write(errors))))
                .replaceWithVoid();
    }

    /** The source's most recent runs, newest first. */
    public Uni<List<SyncRun>> latest(SqlClient client, String source, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS
                + " FROM sync_runs WHERE source = $1 ORDER BY requested_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(source, limit)).map(rows -> {
                    List<SyncRun> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(run(row)));
                    return runs;
                });
    }

    /** The source's most recently finished run, if any. */
    public Uni<Optional<SyncRun>> lastFinished(SqlClient client, String source) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM sync_runs"
                + " WHERE source = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1")
                .execute(Tuple.of(source))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(run(rows.iterator().next())));
    }

    public Uni<Optional<SyncRun>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM sync_runs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(run(rows.iterator().next())));
    }

    /** When the source's last run that got past the lease started, if any. */
    public Uni<Optional<Instant>> lastStarted(SqlClient client, String source) {
        return client.preparedQuery("""
                SELECT max(started_at) AS started FROM sync_runs WHERE source = $1 AND outcome <> 'skipped'""")
                .execute(Tuple.of(source)).map(rows -> Optional.ofNullable(Json.instant(rows.iterator().next(), "started")));
    }

    /** Deletes runs that finished more than {@code retention} ago; emits how many. */
    public Uni<Integer> purgeFinished(SqlClient client, Duration retention) {
        return client.preparedQuery("DELETE FROM sync_runs WHERE finished_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds())).map(result -> result.rowCount());
    }

    private SyncRun run(Row row) {
        return new SyncRun(row.getUUID("id"), row.getString("trigger"), row.getString("requested_by"),
                Json.instant(row, "requested_at"), Json.instant(row, "started_at"), Json.instant(row, "finished_at"),
                row.getString("commit"), Outcome.fromApiName(row.getString("outcome")),
                new SyncRun.Counts(row.getInteger("created"), row.getInteger("updated"), row.getInteger("deleted"),
                        row.getInteger("drifted")),
                json.read(row.getString("errors"), ERRORS));
    }
}
