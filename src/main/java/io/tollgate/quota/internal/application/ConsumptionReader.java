package io.tollgate.quota.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.quota.internal.domain.BudgetDefinition;
import io.tollgate.quota.internal.domain.Gcra;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.quota.internal.persistence.QuotaRepository;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an organisation consumes now, read from the live counters in Redis: per level with limits (and per model
 * limit), requests and tokens used in the last minute and requests in flight; the budget's spend today and this
 * month (spent, and reserved by requests in flight).
 */
@ApplicationScoped
public class ConsumptionReader {

    /** One limit's use; {@code limit} null when unlimited (then {@code used} is unknown: GCRA keeps no count). */
    public record Use(Long limit, Long used) {
    }

    public record LevelUse(String level, UUID id, String model, Use requestsPerMinute, Use tokensPerMinute, Use inFlight) {
    }

    public record Spend(String limit, String spent, String reserved) {
    }

    public record BudgetUse(String currency, Spend daily, Spend monthly) {
    }

    public record Consumption(UUID orgId, List<LevelUse> levels, BudgetUse budget) {
    }

    private record Row(LimitLevel level, UUID id, String model, Limit limit) {
    }

    private final Pool quota;
    private final QuotaRepository repository;
    private final DefinitionService definitions;
    private final Redis redis;

    public ConsumptionReader(@ReactiveDataSource("quota") Pool quota, QuotaRepository repository,
            DefinitionService definitions, Redis redis) {
        this.quota = quota;
        this.repository = repository;
        this.definitions = definitions;
        this.redis = redis;
    }

    public Uni<Consumption> of(UUID orgId) {
        Uni<LimitDefinition> org = definitions.limits(orgId, LimitLevel.ORG, orgId);
        Uni<List<LimitDefinition>> below = repository.limitsOf(quota, orgId);
        Uni<BudgetDefinition> budget = definitions.budget(orgId);
        return Uni.combine().all().unis(org, below, budget).asTuple().flatMap(t -> {
            List<Row> rows = new ArrayList<>();
            add(rows, t.getItem1());
            t.getItem2().stream().filter(d -> d.level() != LimitLevel.ORG).forEach(d -> add(rows, d));
            return read(orgId, rows, t.getItem3());
        });
    }

    private static void add(List<Row> rows, LimitDefinition d) {
        rows.add(new Row(d.level(), d.subjectId(), null, d.limits().own()));
        d.limits().models().forEach((alias, limit) -> rows.add(new Row(d.level(), d.subjectId(), alias, limit)));
    }

    private Uni<Consumption> read(UUID orgId, List<Row> rows, BudgetDefinition budget) {
        // In-flight leases are scored in µs since 2026-01-01 (the scripts' epoch); expired ones no longer count.
        long liveAfter = (System.currentTimeMillis() - 1_767_225_600_000L) * 1000;
        List<Request> requests = new ArrayList<>();
        requests.add(Request.cmd(Command.TIME));
        for (Row r : rows) {
            requests.add(Request.cmd(Command.GET).arg(QuotaKeys.counter("rpm", orgId, r.level(), r.id(), r.model())));
            requests.add(Request.cmd(Command.GET).arg(QuotaKeys.counter("tpm", orgId, r.level(), r.id(), r.model())));
            requests.add(Request.cmd(Command.ZCOUNT).arg(QuotaKeys.counter("inflight", orgId, r.level(), r.id(), r.model()))
                    .arg(Long.toString(liveAfter)).arg("+inf"));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        boolean hasBudget = budget.budget() != null;
        if (hasBudget) {
            String currency = budget.budget().currency();
            requests.add(Request.cmd(Command.HMGET).arg(QuotaKeys.spendOfDay(orgId, today, currency)).arg("spent").arg("held"));
            requests.add(Request.cmd(Command.HMGET).arg(QuotaKeys.spendOfMonth(orgId, YearMonth.from(today), currency))
                    .arg("spent").arg("held"));
        }
        return redis.batch(requests).map(responses -> {
            Response time = responses.get(0);
            double now = (time.get(0).toLong() - 1_767_225_600L) * 1_000_000d + time.get(1).toLong();
            List<LevelUse> levels = new ArrayList<>();
            int at = 1;
            for (Row r : rows) {
                levels.add(new LevelUse(r.level().apiName(), r.id(), r.model(),
                        gcra(responses.get(at), r.limit().requestsPerMinute(), now),
                        gcra(responses.get(at + 1), r.limit().tokensPerMinute(), now),
                        new Use(r.limit().maxConcurrent(), responses.get(at + 2).toLong())));
                at += 3;
            }
            BudgetUse use = !hasBudget ? null : new BudgetUse(budget.budget().currency(),
                    spend(budget.budget().daily(), responses.get(at)), spend(budget.budget().monthly(), responses.get(at + 1)));
            return new Consumption(orgId, levels, use);
        });
    }

    /** Units used in the last minute as GCRA sees them: the limit minus what an immediate burst could still take. */
    private static Use gcra(Response tat, Long limit, double now) {
        if (limit == null) {
            return new Use(null, null);
        }
        double arrival = tat == null ? now : Double.parseDouble(tat.toString());
        return new Use(limit, Math.max(0, limit - Gcra.remaining(arrival, now, limit)));
    }

    private static Spend spend(BigDecimal limit, Response values) {
        return new Spend(DefinitionService.text(limit), amount(values.get(0)), amount(values.get(1)));
    }

    private static String amount(Response micros) {
        long value = micros == null ? 0 : Math.max(0, micros.toLong());
        return BigDecimal.valueOf(value, 6).stripTrailingZeros().toPlainString();
    }
}
