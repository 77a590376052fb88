package io.tollgate.metering.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.metering.internal.domain.GroupBy;
import io.tollgate.metering.internal.domain.RollupDelta;
import io.tollgate.metering.internal.domain.UsageLine;
import io.tollgate.metering.internal.domain.UsageQuery;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code usage_hourly} and {@code usage_daily} rollups: deltas are upserted in the ledger change's
 * transaction (never recomputed by scanning), and the usage API reads them, summing the shards.
 */
@ApplicationScoped
public class RollupRepository {

    /**
     * The rollups' unique index leads with {@code shard} (V2): closed buckets, folded into shard 0, then lie
     * together instead of between the emptied slots of shards 1–7, and a report reads a few hundred index pages
     * (index-only: the index includes the sums). Readers name every shard so the index serves them.
     */
    static final String EVERY_SHARD = IntStream.range(0, RollupDelta.SHARDS).mapToObj(Integer::toString)
            .collect(Collectors.joining(",", "shard = ANY('{", "}'::smallint[])"));

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH':00:00Z'")
            .withZone(ZoneOffset.UTC);

    private static final String UPSERT = """
            INSERT INTO %1$s AS r (org_id, bucket, project_id, key_id, model, currency, shard, requests, prompt_tokens,
                   completion_tokens, cached_tokens, unpriced_requests, cost)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (org_id, bucket, project_id, key_id, model, currency, shard) DO UPDATE
               SET requests = r.requests + excluded.requests,
                   prompt_tokens = r.prompt_tokens + excluded.prompt_tokens,
                   completion_tokens = r.completion_tokens + excluded.completion_tokens,
                   cached_tokens = r.cached_tokens + excluded.cached_tokens,
                   unpriced_requests = r.unpriced_requests + excluded.unpriced_requests,
                   cost = r.cost + excluded.cost""";

    public Uni<Void> apply(SqlClient tx, List<RollupDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<RollupDelta> ordered = deltas.stream().sorted(RollupDelta.ORDER).toList();
        return tx.preparedQuery(UPSERT.formatted("usage_hourly")).executeBatch(tuples(ordered, false))
                .flatMap(hourly -> tx.preparedQuery(UPSERT.formatted("usage_daily")).executeBatch(tuples(ordered, true)))
                .replaceWithVoid();
    }

    private static final String COMPACT = """
            WITH moved AS (DELETE FROM %1$s WHERE shard > 0 AND bucket < $1 RETURNING *)
            INSERT INTO %1$s AS r (org_id, bucket, project_id, key_id, model, currency, shard, requests, prompt_tokens,
                   completion_tokens, cached_tokens, unpriced_requests, cost)
            SELECT org_id, bucket, project_id, key_id, model, currency, 0, sum(requests), sum(prompt_tokens),
                   sum(completion_tokens), sum(cached_tokens), sum(unpriced_requests), sum(cost)
              FROM moved GROUP BY org_id, bucket, project_id, key_id, model, currency
            ON CONFLICT (org_id, bucket, project_id, key_id, model, currency, shard) DO UPDATE
               SET requests = r.requests + excluded.requests,
                   prompt_tokens = r.prompt_tokens + excluded.prompt_tokens,
                   completion_tokens = r.completion_tokens + excluded.completion_tokens,
                   cached_tokens = r.cached_tokens + excluded.cached_tokens,
                   unpriced_requests = r.unpriced_requests + excluded.unpriced_requests,
                   cost = r.cost + excluded.cost""";

    /**
     * Folds the shards of the hourly rows before {@code hourlyBefore} and of the daily rows before
     * {@code dailyBefore} into shard 0, each table in its own transaction: shards only matter while a bucket is
     * written to, and readers scan up to 8 times fewer rows once it is closed. A late event or a re-pricing
     * that writes to a folded bucket again simply creates shard rows that the next run folds.
     */
    public Uni<Void> compact(Pool pool, Instant hourlyBefore, Instant dailyBefore) {
        return pool.withTransaction(tx -> tx.preparedQuery(COMPACT.formatted("usage_hourly"))
                        .execute(Tuple.of(hourlyBefore.atOffset(ZoneOffset.UTC))))
                .flatMap(hourly -> pool.withTransaction(tx -> tx.preparedQuery(COMPACT.formatted("usage_daily"))
                        .execute(Tuple.of(dailyBefore.atOffset(ZoneOffset.UTC)))))
                .replaceWithVoid();
    }

    /** The query's lines, from the daily rollup when whole days suffice, else from the hourly one. */
    public Uni<List<UsageLine>> lines(SqlClient client, UsageQuery query) {
        String table = query.dailyEnough() ? "usage_daily" : "usage_hourly";
        String sql = """
                SELECT %1$s AS grp, currency, sum(requests) AS requests, sum(prompt_tokens) AS prompt_tokens,
                       sum(completion_tokens) AS completion_tokens, sum(cached_tokens) AS cached_tokens,
                       sum(unpriced_requests) AS unpriced_requests, sum(cost) AS cost
                  FROM %2$s
                 WHERE %3$s AND org_id = $1 AND bucket >= $2 AND bucket < $3
                   AND ($4::uuid IS NULL OR project_id = $4) AND ($5::uuid IS NULL OR key_id = $5)
                   AND ($6::text IS NULL OR model = $6)
                 GROUP BY grp, currency
                HAVING sum(requests) <> 0
                 ORDER BY grp, currency""".formatted(groupExpression(query.groupBy()), table, EVERY_SHARD);
        return client.preparedQuery(sql)
                .execute(Tuple.of(query.orgId(), query.from().atOffset(ZoneOffset.UTC), query.to().atOffset(ZoneOffset.UTC),
                        query.projectId(), query.keyId(), query.model()))
                .map(rows -> {
                    List<UsageLine> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(new UsageLine(groupName(query.groupBy(), row), row.getString("currency"),
                            row.getLong("requests"), row.getLong("prompt_tokens"), row.getLong("completion_tokens"),
                            row.getLong("cached_tokens"), row.getLong("unpriced_requests"), row.getBigDecimal("cost"))));
                    return lines;
                });
    }

    /**
     * Groups by the column itself, not by its text: formatting each of the thousands of rows summed costs more
     * than the sums, so only the groups are formatted, in {@link #groupName}.
     */
    private static String groupExpression(GroupBy groupBy) {
        if (groupBy == null) {
            return "NULL::text";
        }
        return switch (groupBy) {
            case MODEL -> "model";
            case KEY -> "key_id";
            case PROJECT -> "project_id";
            case HOUR -> "bucket";
            case DAY -> "date_trunc('day', bucket, 'UTC')";
        };
    }

    private static String groupName(GroupBy groupBy, Row row) {
        if (groupBy == null) {
            return null;
        }
        return switch (groupBy) {
            case MODEL -> row.getString("grp");
            case KEY, PROJECT -> Objects.toString(row.getUUID("grp"), null);
            case HOUR -> HOUR.format(row.getOffsetDateTime("grp"));
            case DAY -> DateTimeFormatter.ISO_LOCAL_DATE.format(row.getOffsetDateTime("grp").withOffsetSameInstant(ZoneOffset.UTC));
        };
    }

    private static List<Tuple> tuples(List<RollupDelta> deltas, boolean daily) {
        List<Tuple> tuples = new ArrayList<>(deltas.size());
        for (RollupDelta d : deltas) {
            Instant bucket = daily ? d.day() : d.hour();
            tuples.add(Tuple.from(new Object[] { d.orgId(), bucket.atOffset(ZoneOffset.UTC), d.projectId(), d.keyId(),
                    d.model(), d.currency(), (short) d.shard(), d.requests(), d.promptTokens(), d.completionTokens(),
                    d.cachedTokens(), d.unpricedRequests(), Numeric.create(d.cost()) }));
        }
        return tuples;
    }
}
