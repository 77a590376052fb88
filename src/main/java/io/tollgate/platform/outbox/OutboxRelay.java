package io.tollgate.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.web.Actor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the unpublished outbox rows of every {@link OutboxSource} in this build with publisher confirms and marks them published, in one
 * transaction that locks the batch ({@code FOR UPDATE SKIP LOCKED}), so that several replicas share the work
 * without publishing a row twice in the normal case. A crash between confirm and commit publishes the batch
 * again: delivery is at least once, and consumers deduplicate through their inbox.
 *
 * <p>The job belongs to no role of its own: it runs in every build, over the sources that the build's roles
 * produce (none in the gateway's).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String PENDING = """
            SELECT id, routing_key, subject, org_id, data::text AS data, metadata, created_at FROM outbox
             WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED""";

    private final List<OutboxSource> sources;
    private final EventPublisher publisher;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final Duration retention;
    /** Contexts whose publishing round is still running; later ticks skip them until it ends. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    public OutboxRelay(@All List<OutboxSource> sources, EventPublisher publisher, MeterRegistry metrics,
            @ConfigProperty(name = "tollgate.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "tollgate.outbox.retention") Duration retention) {
        this.sources = List.copyOf(sources);
        this.publisher = publisher;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.retention = retention;
    }

    /**
     * Starts a round for each source whose previous round has ended, so that a slow database or broker holds up
     * only its own context.
     */
    @Scheduled(every = "${tollgate.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.PROCEED)
    Uni<Void> publish() {
        return forEachSource("publishing", source -> {
            if (!busy.add(source.context())) {
                return Uni.createFrom().voidItem();
            }
            return publishPending(source).onTermination().invoke(() -> busy.remove(source.context())).replaceWithVoid();
        });
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purge() {
        return forEachSource("purging", source -> purgePublished(source).replaceWithVoid());
    }

    /** Runs {@code work} on every source at once; one context's failure is logged and leaves the others be. */
    private Uni<Void> forEachSource(String activity, Function<OutboxSource, Uni<Void>> work) {
        return Multi.createFrom().iterable(sources)
                .onItem().transformToUniAndMerge(source -> work.apply(source)
                        .onFailure().invoke(e -> LOG.errorf(e, "Outbox of %s: %s failed; the next round retries",
                                source.context(), activity))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Publishes up to {@code batchSize} pending events of {@code source}; emits how many it published. */
    private Uni<Integer> publishPending(OutboxSource source) {
        String context = source.context();
        return source.pool().withTransaction(tx -> tx.preparedQuery(PENDING).execute(Tuple.of(batchSize))
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
    private Uni<Integer> purgePublished(OutboxSource source) {
        return source.pool().preparedQuery("DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)")
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
