package io.tollgate.metering.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.UsageRecorded;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The {@code usage_ledger} table: one row per usage id, priced on insert from the price projection. */
@ApplicationScoped
public class LedgerRepository {

    /** What pricing made of a newly recorded request: cost and currency are null when it is unpriced. */
    public record Priced(BigDecimal cost, String currency) {

        public boolean unpriced() {
            return cost == null;
        }
    }

    /** A ledger row as the usage API shows it. */
    public record Entry(UUID usageId, String requestId, UUID orgId, UUID projectId, UUID keyId, String model,
            String endpoint, boolean stream, UUID deploymentId, UUID providerId, String provider, String upstreamModel,
            long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens, long reasoningTokens,
            boolean estimated, String outcome, int httpStatus, String errorCode, Long ttfbMs, long durationMs,
            Instant startedAt, Instant finishedAt, BigDecimal cost, String currency, boolean unpriced, UUID priceId) {
    }

    private static final String INSERT = """
            INSERT INTO usage_ledger (usage_id, request_id, org_id, project_id, key_id, model, endpoint, stream,
                   deployment_id, provider_id, provider, upstream_model, prompt_tokens, completion_tokens,
                   cached_tokens, cache_write_tokens, reasoning_tokens, estimated, outcome, http_status, error_code,
                   ttfb_ms, duration_ms, started_at, finished_at, cost, currency, unpriced, price_id)
            SELECT u.*, usage_cost(u.prompt, u.cached, u.completion, p.input_per_1m, p.cached_input_per_1m,
                   p.output_per_1m), p.currency, p.price_id IS NULL, p.price_id
              FROM (VALUES ($1::uuid, $2::text, $3::uuid, $4::uuid, $5::uuid, $6::text, $7::text, $8::boolean,
                            $9::uuid, $10::uuid, $11::text, $12::text, $13::bigint, $14::bigint, $15::bigint,
                            $16::bigint, $17::bigint, $18::boolean, $19::text, $20::integer, $21::text, $22::bigint,
                            $23::bigint, $24::timestamptz, $25::timestamptz))
                   AS u (usage_id, request_id, org_id, project_id, key_id, model, endpoint, stream, deployment_id,
                         provider_id, provider, upstream_model, prompt, completion, cached, cache_write, reasoning,
                         estimated, outcome, http_status, error_code, ttfb_ms, duration_ms, started_at, finished_at)
              LEFT JOIN LATERAL price_in_effect(u.model, u.deployment_id, u.started_at) p ON true
            ON CONFLICT (usage_id) DO NOTHING
            RETURNING cost, currency""";

    /**
     * Records {@code usage} priced at the version in effect at its start; emits empty when its usage id is already
     * in the ledger (a redelivery that passed the inbox, e.g. under another consumer name after a rename).
     */
    public Uni<Optional<Priced>> record(SqlClient tx, UsageRecorded usage) {
        UsageRecorded.Tokens tokens = usage.tokens() == null ? UsageRecorded.Tokens.NONE : usage.tokens();
        return Locks.sharedOnPriceScopes(tx, usage.model(), usage.deploymentId())
                .flatMap(locked -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { usage.usageId(),
                        usage.requestId(), usage.orgId(), usage.projectId(), usage.keyId(), usage.model(),
                        usage.endpoint(), usage.stream(), usage.deploymentId(), usage.providerId(), usage.provider(),
                        usage.upstreamModel(), tokens.prompt(), tokens.completion(), tokens.cachedPrompt(),
                        tokens.cacheWrite(), tokens.reasoning(), usage.estimated(),
                        usage.outcome().name().toLowerCase(Locale.ROOT), usage.httpStatus(), usage.errorCode(),
                        usage.ttfbMs(), usage.durationMs(), usage.startedAt().atOffset(ZoneOffset.UTC),
                        usage.finishedAt().atOffset(ZoneOffset.UTC) })))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(new Priced(rows.iterator().next().getBigDecimal("cost"),
                                rows.iterator().next().getString("currency"))));
    }

    /** The most recent row with this request id in the org (a client may reuse request ids). */
    public Uni<Optional<Entry>> latestByRequestId(SqlClient client, UUID orgId, String requestId) {
        return client.preparedQuery("""
                SELECT * FROM usage_ledger WHERE org_id = $1 AND request_id = $2
                 ORDER BY started_at DESC, usage_id DESC LIMIT 1""")
                .execute(Tuple.of(orgId, requestId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** Deletes up to {@code batchSize} rows that started before {@code cutoff}; emits how many. */
    public Uni<Integer> purgeBefore(SqlClient client, Instant cutoff, int batchSize) {
        return client.preparedQuery("""
                DELETE FROM usage_ledger WHERE usage_id IN
                       (SELECT usage_id FROM usage_ledger WHERE started_at < $1 ORDER BY started_at LIMIT $2)""")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), batchSize))
                .map(rows -> rows.rowCount());
    }

    private static Entry map(Row row) {
        return new Entry(row.getUUID("usage_id"), row.getString("request_id"), row.getUUID("org_id"),
                row.getUUID("project_id"), row.getUUID("key_id"), row.getString("model"), row.getString("endpoint"),
                row.getBoolean("stream"), row.getUUID("deployment_id"), row.getUUID("provider_id"),
                row.getString("provider"), row.getString("upstream_model"), row.getLong("prompt_tokens"),
                row.getLong("completion_tokens"), row.getLong("cached_tokens"), row.getLong("cache_write_tokens"),
                row.getLong("reasoning_tokens"), row.getBoolean("estimated"), row.getString("outcome"),
                row.getInteger("http_status"), row.getString("error_code"), row.getLong("ttfb_ms"),
                row.getLong("duration_ms"), row.getOffsetDateTime("started_at").toInstant(),
                row.getOffsetDateTime("finished_at").toInstant(), row.getBigDecimal("cost"), row.getString("currency"),
                row.getBoolean("unpriced"), row.getUUID("price_id"));
    }
}
