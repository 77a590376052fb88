package io.tollgate.quota.internal.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.quota.internal.domain.BudgetDefinition;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.ProjectedBudget;
import io.tollgate.quota.internal.domain.ProjectedLimits;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.quota.internal.enforcement.QuotaScripts;
import io.tollgate.quota.internal.persistence.QuotaRepository.Spend;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Writes definitions and authoritative spend into Redis for the gateway (ADR 0019). Definitions are a bounded
 * projection without TTL, one key per database row (rows are never deleted), rewritten after each change and by
 * the worker's periodic rebuild, never back to an older version; spend is set by {@code seed-spend.lua}, which
 * never goes back in time either.
 */
@ApplicationScoped
public class DefinitionProjection {

    private static final Duration DAY_TTL = Duration.ofDays(2);
    private static final Duration MONTH_TTL = Duration.ofDays(32);

    private final Redis redis;
    private final ObjectMapper json;

    public DefinitionProjection(Redis redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Uni<Void> write(LimitDefinition d) {
        return set(QuotaKeys.limits(d.orgId(), d.level(), d.subjectId()), d.version(),
                new ProjectedLimits(d.version(), d.limits()));
    }

    public Uni<Void> write(BudgetDefinition d) {
        return set(QuotaKeys.budget(d.orgId()), d.version(), ProjectedBudget.of(d.version(), d.budget()));
    }

    /** Sets the day's and month's spend from metering's totals unless Redis already holds a later one. */
    public Uni<Void> seed(Spend spend, LocalDate today) {
        String asOf = Long.toString(spend.asOf().toEpochMilli());
        Uni<Void> day = !spend.day().equals(today) ? Uni.createFrom().voidItem()
                : QuotaScripts.SEED_SPEND.run(redis, List.of(QuotaKeys.spendOfDay(spend.orgId(), today, spend.currency())),
                        List.of(micros(spend.dayTotal()), asOf, Long.toString(DAY_TTL.toMillis()))).replaceWithVoid();
        YearMonth month = YearMonth.from(today);
        Uni<Void> monthly = !spend.month().equals(month.toString()) ? Uni.createFrom().voidItem()
                : QuotaScripts.SEED_SPEND.run(redis, List.of(QuotaKeys.spendOfMonth(spend.orgId(), month, spend.currency())),
                        List.of(micros(spend.monthTotal()), asOf, Long.toString(MONTH_TTL.toMillis()))).replaceWithVoid();
        return day.call(() -> monthly);
    }

    /** Writes every definition and every current spend. */
    public Uni<Void> rebuild(List<LimitDefinition> limits, List<BudgetDefinition> budgets, List<Spend> spend,
            LocalDate today) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().iterable(limits).onItem().transformToUniAndConcatenate(this::write),
                Multi.createFrom().iterable(budgets).onItem().transformToUniAndConcatenate(this::write),
                Multi.createFrom().iterable(spend).onItem().transformToUniAndConcatenate(s -> seed(s, today)))
                .collect().last().replaceWithVoid();
    }

    private static String micros(java.math.BigDecimal amount) {
        return Long.toString(amount.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /** Never replaces a later version: the rebuild may have read the database before a change committed. */
    private Uni<Void> set(String key, int version, Object value) {
        try {
            return QuotaScripts.PROJECT_DEFINITION.run(redis, List.of(key),
                    List.of(json.writeValueAsString(value), Integer.toString(version))).replaceWithVoid();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
