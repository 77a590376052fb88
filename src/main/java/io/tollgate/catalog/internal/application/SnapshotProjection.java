package io.tollgate.catalog.internal.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.RoutingSnapshot;
import io.tollgate.catalog.internal.domain.Model;
import io.tollgate.catalog.internal.domain.PriceHistory;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.RouteTable;
import io.tollgate.catalog.internal.persistence.CatalogRevisions;
import io.tollgate.catalog.internal.persistence.ModelRepository;
import io.tollgate.catalog.internal.persistence.PriceRepository;
import io.tollgate.catalog.internal.persistence.ProviderRepository;
import io.tollgate.catalog.internal.persistence.SnapshotStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Projects the catalog into the gateway's routing snapshot (ADR 0012): reads the whole live catalog at one
 * revision (with each deployment's price schedule), in a single repeatable-read transaction, and publishes it
 * unless Redis already holds that revision or a later one of this catalog. A full rebuild per change keeps the
 * projection trivially correct and idempotent.
 */
@ApplicationScoped
public class SnapshotProjection {

    private final Pool catalog;
    private final CatalogRevisions revisions;
    private final ProviderRepository providers;
    private final ModelRepository models;
    private final PriceRepository prices;
    private final SnapshotStore store;
    private final ObjectMapper json;
    private final CatalogConfig config;
    private final Clock clock;

    public SnapshotProjection(@ReactiveDataSource("catalog") Pool catalog, CatalogRevisions revisions,
            ProviderRepository providers, ModelRepository models, PriceRepository prices, SnapshotStore store, ObjectMapper json,
            CatalogConfig config, Clock clock) {
        this.catalog = catalog;
        this.revisions = revisions;
        this.providers = providers;
        this.models = models;
        this.prices = prices;
        this.store = store;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Publishes the current catalog if Redis is behind it, or ahead of the catalog's latest revision (a restored
     * or recreated database starts below what it once published); emits the revision now in Redis.
     */
    public Uni<Long> rebuild() {
        return catalog.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .flatMap(set -> revisions.current(tx))
                // Read outside the transaction, after its snapshot: never below any revision a worker published.
                .flatMap(revision -> revisions.current(catalog).flatMap(latest -> store.currentVersion()
                        .flatMap(held -> held >= revision && held <= latest
                                ? Uni.createFrom().item(held)
                                : read(tx, revision).flatMap(snapshot -> publish(snapshot, latest))))));
    }

    private Uni<RoutingSnapshot> read(io.vertx.mutiny.sqlclient.SqlClient tx, long revision) {
        return providers.allLive(tx).flatMap(live -> models.allLive(tx).flatMap(all -> prices
                .byModel(tx, all.stream().map(Model::id).toList())
                .map(byModel -> RouteTable.snapshot(revision, clock.instant(), all,
                        live.stream().collect(Collectors.toMap(Provider::id, Function.identity())),
                        byModel.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                entry -> new PriceHistory(entry.getValue())))))));
    }

    private Uni<Long> publish(RoutingSnapshot snapshot, long latest) {
        String text;
        try {
            text = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return store.publish(snapshot.version(), latest, text, config.snapshot().ttl()).replaceWith(snapshot.version());
    }
}
