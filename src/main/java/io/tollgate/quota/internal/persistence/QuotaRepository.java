package io.tollgate.quota.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.quota.internal.domain.Budget;
import io.tollgate.quota.internal.domain.BudgetDefinition;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.Limits;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Limit and budget definitions and the last authoritative spend, in {@code tollgate_quota}. */
@ApplicationScoped
public class QuotaRepository {

    private static final TypeReference<Map<String, Limit>> MODELS = new TypeReference<>() {
    };
    private static final String LIMIT_COLUMNS = """
            org_id, level, subject_id, requests_per_minute, tokens_per_minute, max_concurrent, models, version, updated_at""";
    private static final String SPEND_COLUMNS = "org_id, currency, day, day_total, month, month_total, as_of";
    private static final String BUDGET_COLUMNS = "org_id, daily, monthly, currency, soft_threshold_percent, version, updated_at";

    /** A stored authoritative spend. */
    public record Spend(UUID orgId, String currency, java.time.LocalDate day, BigDecimal dayTotal, String month,
            BigDecimal monthTotal, Instant asOf) {
    }

    private final ObjectMapper json;

    public QuotaRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The level's limits, locked for update when {@code lock}; null when none were set. */
    public Uni<LimitDefinition> limits(SqlClient client, UUID orgId, LimitLevel level, UUID subjectId, boolean lock) {
        return client.preparedQuery("SELECT " + LIMIT_COLUMNS + " FROM limits WHERE org_id = $1 AND level = $2 AND subject_id = $3"
                + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(orgId, level.apiName(), subjectId))
                .map(rows -> rows.size() == 0 ? null : limit(rows.iterator().next()));
    }

    public Uni<Void> saveLimits(SqlClient tx, LimitDefinition d) {
        Limits l = d.limits();
        return tx.preparedQuery("INSERT INTO limits (" + LIMIT_COLUMNS + """
                ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (org_id, level, subject_id) DO UPDATE SET requests_per_minute = $4, tokens_per_minute = $5,
                  max_concurrent = $6, models = $7, version = $8, updated_at = $9""")
                .execute(Tuple.from(Arrays.asList(d.orgId(), d.level().apiName(), d.subjectId(), l.requestsPerMinute(),
                        l.tokensPerMinute(), l.maxConcurrent(), new JsonObject(write(l.models())), d.version(),
                        time(d.updatedAt()))))
                .replaceWithVoid();
    }

    /** Every level's limits of every organisation, for the projection rebuild. */
    public Uni<List<LimitDefinition>> allLimits(SqlClient client) {
        return client.query("SELECT " + LIMIT_COLUMNS + " FROM limits").execute().map(rows -> map(rows, this::limit));
    }

    /** The organisation's limit definitions below the org level (projects and keys), for its consumption. */
    public Uni<List<LimitDefinition>> limitsOf(SqlClient client, UUID orgId) {
        return client.preparedQuery("SELECT " + LIMIT_COLUMNS + " FROM limits WHERE org_id = $1 ORDER BY level, subject_id")
                .execute(Tuple.of(orgId)).map(rows -> map(rows, this::limit));
    }

    public Uni<BudgetDefinition> budget(SqlClient client, UUID orgId, boolean lock) {
        return client.preparedQuery("SELECT " + BUDGET_COLUMNS + " FROM budgets WHERE org_id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? null : budget(rows.iterator().next()));
    }

    public Uni<Void> saveBudget(SqlClient tx, BudgetDefinition d) {
        Budget b = d.budget();
        return tx.preparedQuery("INSERT INTO budgets (" + BUDGET_COLUMNS + """
                ) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (org_id) DO UPDATE SET daily = $2, monthly = $3, currency = $4, soft_threshold_percent = $5,
                  version = $6, updated_at = $7""")
                .execute(Tuple.from(Arrays.asList(d.orgId(), b.daily(), b.monthly(), b.currency(),
                        b.softThresholdPercent(), d.version(), time(d.updatedAt()))))
                .replaceWithVoid();
    }

    public Uni<List<BudgetDefinition>> allBudgets(SqlClient client) {
        return client.query("SELECT " + BUDGET_COLUMNS + " FROM budgets").execute().map(rows -> map(rows, this::budget));
    }

    /** Keeps {@code update} unless a later one is already stored; emits whether it was newer. */
    public Uni<Boolean> saveSpend(SqlClient tx, SpendUpdated update) {
        return tx.preparedQuery("""
                INSERT INTO spend (org_id, currency, day, day_total, month, month_total, as_of)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (org_id, currency) DO UPDATE SET day = $3, day_total = $4, month = $5, month_total = $6, as_of = $7
                 WHERE spend.as_of < $7""")
                .execute(Tuple.from(Arrays.asList(update.orgId(), update.currency(), update.day(),
                        new BigDecimal(update.dayTotal()), update.month().toString(), new BigDecimal(update.monthTotal()),
                        time(update.asOf()))))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<List<Spend>> allSpend(SqlClient client) {
        return client.query("SELECT " + SPEND_COLUMNS + " FROM spend").execute().map(rows -> map(rows, QuotaRepository::spend));
    }

    /** The stored spend of an organisation in one currency, locked for update; null when none. */
    public Uni<Spend> spendOf(SqlClient tx, UUID orgId, String currency) {
        return tx.preparedQuery("SELECT " + SPEND_COLUMNS + " FROM spend WHERE org_id = $1 AND currency = $2 FOR UPDATE")
                .execute(Tuple.of(orgId, currency)).map(rows -> rows.size() == 0 ? null : spend(rows.iterator().next()));
    }

    private static Spend spend(Row row) {
        return new Spend(row.getUUID("org_id"), row.getString("currency"), row.getLocalDate("day"),
                row.getBigDecimal("day_total"), row.getString("month"), row.getBigDecimal("month_total"),
                row.getOffsetDateTime("as_of").toInstant());
    }

    private LimitDefinition limit(Row row) {
        Map<String, Limit> models = read(row.getJsonObject("models"));
        return new LimitDefinition(row.getUUID("org_id"), LimitLevel.fromApiName(row.getString("level")),
                row.getUUID("subject_id"), new Limits(row.getLong("requests_per_minute"), row.getLong("tokens_per_minute"),
                        row.getLong("max_concurrent"), models),
                row.getInteger("version"), row.getOffsetDateTime("updated_at").toInstant());
    }

    private BudgetDefinition budget(Row row) {
        return new BudgetDefinition(row.getUUID("org_id"), new Budget(row.getBigDecimal("daily"),
                row.getBigDecimal("monthly"), row.getString("currency"), row.getInteger("soft_threshold_percent")),
                row.getInteger("version"), row.getOffsetDateTime("updated_at").toInstant());
    }

    private Map<String, Limit> read(JsonObject models) {
        try {
            return json.readValue(models.encode(), MODELS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Map<String, Limit> models) {
        try {
            return json.writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> list = new ArrayList<>();
        rows.forEach(row -> list.add(mapper.apply(row)));
        return list;
    }
}
