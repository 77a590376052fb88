package io.tollgate.catalog.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.domain.Price;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The append-only {@code prices} table: versions are inserted, never updated or deleted. */
@ApplicationScoped
public class PriceRepository {

    private static final String COLUMNS = """
            id, model_id, deployment_id, input_per_1m, output_per_1m, cached_input_per_1m, currency, effective_from,
            created_at""";

    public Uni<Price> insert(SqlClient tx, Price p) {
        return tx.preparedQuery("INSERT INTO prices (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] { p.id(), p.modelId(), p.deploymentId(), numeric(p.inputPer1M()),
                        numeric(p.outputPer1M()), numeric(p.cachedInputPer1M()), p.currency(),
                        Sql.time(p.effectiveFrom()), Sql.time(p.createdAt()) }))
                .replaceWith(p);
    }

    /** Every version of each model's prices, by model id (models without prices are absent). */
    public Uni<Map<UUID, List<Price>>> byModel(SqlClient client, Collection<UUID> modelIds) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM prices WHERE model_id = ANY($1) ORDER BY effective_from, created_at")
                .execute(Tuple.of(modelIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Price>> byModel = new HashMap<>();
                    rows.forEach(row -> byModel.computeIfAbsent(row.getUUID("model_id"), id -> new ArrayList<>()).add(map(row)));
                    return byModel;
                });
    }

    public Uni<List<Price>> of(SqlClient client, UUID modelId) {
        return byModel(client, List.of(modelId)).map(byModel -> byModel.getOrDefault(modelId, List.of()));
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static BigDecimal decimal(Row row, String column) {
        BigDecimal value = row.getBigDecimal(column);
        return value == null ? null : value.stripTrailingZeros();
    }

    private static Price map(Row row) {
        return new Price(row.getUUID("id"), row.getUUID("model_id"), row.getUUID("deployment_id"),
                decimal(row, "input_per_1m"), decimal(row, "output_per_1m"), decimal(row, "cached_input_per_1m"),
                row.getString("currency"), Sql.instant(row, "effective_from"), Sql.instant(row, "created_at"));
    }
}
