package io.tollgate.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.web.Actor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes a context's unpublished outbox rows with publisher confirms and marks them published, in one
 * transaction that locks the batch ({@code FOR UPDATE SKIP LOCKED}), so that several replicas share the work
 * without publishing a row twice in the normal case. A crash between confirm and commit publishes the batch
 * again: delivery is at least once, and consumers deduplicate through their inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String PENDING = """
            SELECT id, routing_key, subject, org_id, data::text AS data, metadata, created_at FROM outbox
             WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED""";

    private final EventPublisher publisher;
    private final MeterRegistry metrics;

    public OutboxRelay(EventPublisher publisher, MeterRegistry metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Publishes up to {@code batchSize} pending events of {@code context}; emits how many it published. */
    public Uni<Integer> publishPending(Pool pool, String context, int batchSize) {
        return pool.withTransaction(tx -> tx.preparedQuery(PENDING).execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    List<Uni<Void>> confirms = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                        confirms.add(publisher.publish(CloudEvents.withActor(CloudEvents.build(row.getUUID("id"),
                                context, row.getString("routing_key"), row.getString("subject"), row.getUUID("org_id"),
                                row.getOffsetDateTime("created_at"), row.getString("data").getBytes(StandardCharsets.UTF_8)),
                                actor(row.getJsonObject("metadata")))));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(confirms).andFailFast()
                            .flatMap(confirmed -> markPublished(tx, ids))
                            .invoke(count -> metrics.counter("tollgate_outbox_published_total", "context", context)
                                    .increment(count));
                }));
    }

    /** Deletes published rows older than {@code retention}; emits how many. */
    public Uni<Integer> purgePublished(Pool pool, Duration retention) {
        return pool.preparedQuery("DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(result -> result.rowCount());
    }

    private static Actor actor(JsonObject metadata) {
        return metadata == null ? null
                : new Actor(metadata.getString("principal"), metadata.getString("requestId"), metadata.getString("sourceIp"));
    }

    private static Uni<Integer> markPublished(SqlClient tx, List<UUID> ids) {
        return tx.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(result -> result.rowCount());
    }
}
