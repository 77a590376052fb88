package io.tollgate.metering.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.metering.internal.domain.RollupDelta;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Metering's copy of the catalog's price versions ({@code prices}), and the re-pricing of unpriced ledger rows
 * that a new version covers.
 */
@ApplicationScoped
public class PriceProjection {

    /**
     * Prices every unpriced row of the price's scope that started at or after its {@code effectiveFrom}, each at
     * the version in effect at its own start (a later version may already be known), in one statement; emits the
     * re-priced requests grouped by rollup row, as deltas into their priced currency.
     */
    private static final String REPRICE = """
            WITH repriced AS (
                UPDATE usage_ledger l
                   SET cost = usage_cost(l.prompt_tokens, l.cached_tokens, l.completion_tokens, p.input_per_1m,
                                         p.cached_input_per_1m, p.output_per_1m),
                       currency = p.currency, price_id = p.price_id, unpriced = false
                  FROM usage_ledger c
                  CROSS JOIN LATERAL price_in_effect(c.model, c.deployment_id, c.started_at) p
                 WHERE l.usage_id = c.usage_id AND c.unpriced AND c.started_at >= $1
                   AND (CASE WHEN $2::uuid IS NULL THEN c.model = $3 ELSE c.deployment_id = $2 END)
                RETURNING l.org_id, l.project_id, l.key_id, l.model, date_trunc('hour', l.started_at, 'UTC') AS hour,
                          l.currency, get_byte(uuid_send(l.usage_id), 15) % 8 AS shard, l.prompt_tokens,
                          l.completion_tokens, l.cached_tokens, l.cost)
            SELECT org_id, project_id, key_id, model, hour, currency, shard, count(*) AS requests,
                   sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens,
                   sum(cached_tokens) AS cached_tokens, sum(cost) AS cost
              FROM repriced GROUP BY org_id, project_id, key_id, model, hour, currency, shard""";

    /** Adds the version; emits false when it was already projected. */
    public Uni<Boolean> add(SqlClient tx, PriceAdded price) {
        return Locks.exclusiveOnPriceScope(tx, price.modelName(), price.deploymentId())
                .flatMap(locked -> tx.preparedQuery("""
                        INSERT INTO prices (price_id, model_id, model_name, deployment_id, input_per_1m, output_per_1m,
                                            cached_input_per_1m, currency, effective_from, catalog_revision)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (price_id) DO NOTHING""")
                        .execute(Tuple.from(new Object[] { price.priceId(), price.modelId(), price.modelName(),
                                price.deploymentId(), amount(price.inputPer1M()), amount(price.outputPer1M()),
                                amount(price.cachedInputPer1M()),
                                price.currency(), price.effectiveFrom().atOffset(ZoneOffset.UTC), price.revision() })))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A per-million amount of the event; one that is no decimal fails the event (retried, then dead-lettered). */
    private static Numeric amount(String decimal) {
        return decimal == null ? null : Numeric.create(new BigDecimal(decimal));
    }

    /** Re-prices the unpriced rows {@code price} covers; emits the priced side of each moved rollup group. */
    public Uni<List<RollupDelta>> reprice(SqlClient tx, PriceAdded price) {
        return tx.preparedQuery(REPRICE)
                .execute(Tuple.of(price.effectiveFrom().atOffset(ZoneOffset.UTC), price.deploymentId(), price.modelName()))
                .map(rows -> {
                    List<RollupDelta> priced = new ArrayList<>();
                    rows.forEach(row -> {
                        long requests = row.getLong("requests");
                        BigDecimal cost = row.getBigDecimal("cost");
                        priced.add(new RollupDelta(row.getUUID("org_id"), row.getUUID("project_id"),
                                row.getUUID("key_id"), row.getString("model"),
                                row.getOffsetDateTime("hour").toInstant(), row.getString("currency"),
                                row.getInteger("shard"), requests, row.getLong("prompt_tokens"),
                                row.getLong("completion_tokens"), row.getLong("cached_tokens"), 0, cost));
                    });
                    return priced;
                });
    }
}
