package io.tollgate.quota.internal.domain;

import io.tollgate.gateway.api.QuotaSubject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The counters one request touches, with their limits: requests and tokens per minute and in-flight slots of
 * every level (org, project, key) and of each level's limits for the requested model, and the day's and month's
 * spend, in {@code budgetCurrency} (null without a budget). Unlimited values have no counter.
 */
public record QuotaPlan(List<Counter> requests, List<Counter> tokens, List<Counter> inFlight,
        List<BudgetCounter> budgets, String budgetCurrency) {

    static final Duration DAY_TTL = Duration.ofDays(2);
    static final Duration MONTH_TTL = Duration.ofDays(32);

    public record Counter(String key, long limit) {
    }

    public record BudgetCounter(String key, long limitMicros, int softThresholdPercent, long ttlMillis) {
    }

    /**
     * The plan for {@code subject}. An organisation without limits of its own gets {@code platformDefault}, so
     * that every response can name a limit.
     */
    public static QuotaPlan of(QuotaSubject subject, SubjectDefinitions definitions, LocalDate today,
            Limit platformDefault) {
        ProjectedBudget budget = definitions.budget();
        QuotaPlan plan = new QuotaPlan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                budget == null ? null : budget.currency());
        Limits org = definitions.org() == null
                ? new Limits(platformDefault.requestsPerMinute(), platformDefault.tokensPerMinute(),
                        platformDefault.maxConcurrent(), null)
                : definitions.org().limits();
        plan.addLevel(subject, LimitLevel.ORG, subject.orgId(), org);
        if (subject.projectId() != null && definitions.project() != null) {
            plan.addLevel(subject, LimitLevel.PROJECT, subject.projectId(), definitions.project().limits());
        }
        if (definitions.key() != null) {
            plan.addLevel(subject, LimitLevel.KEY, subject.keyId(), definitions.key().limits());
        }
        if (budget != null) {
            if (budget.dailyMicros() != null) {
                plan.budgets.add(new BudgetCounter(QuotaKeys.spendOfDay(subject.orgId(), today, budget.currency()),
                        budget.dailyMicros(), budget.softThresholdPercent(), DAY_TTL.toMillis()));
            }
            if (budget.monthlyMicros() != null) {
                plan.budgets.add(new BudgetCounter(
                        QuotaKeys.spendOfMonth(subject.orgId(), YearMonth.from(today), budget.currency()),
                        budget.monthlyMicros(), budget.softThresholdPercent(), MONTH_TTL.toMillis()));
            }
        }
        return plan;
    }

    private void addLevel(QuotaSubject subject, LimitLevel level, UUID id, Limits limits) {
        add(subject.orgId(), level, id, null, limits.own());
        Limit model = limits.models().get(subject.model());
        if (model != null) {
            add(subject.orgId(), level, id, subject.model(), model);
        }
    }

    private void add(UUID orgId, LimitLevel level, UUID id, String model, Limit limit) {
        if (limit.requestsPerMinute() != null) {
            requests.add(new Counter(QuotaKeys.counter("rpm", orgId, level, id, model), limit.requestsPerMinute()));
        }
        if (limit.tokensPerMinute() != null) {
            tokens.add(new Counter(QuotaKeys.counter("tpm", orgId, level, id, model), limit.tokensPerMinute()));
        }
        if (limit.maxConcurrent() != null) {
            inFlight.add(new Counter(QuotaKeys.counter("inflight", orgId, level, id, model), limit.maxConcurrent()));
        }
    }

    /** This replica's share when Redis is unavailable: every rate limit ÷ {@code replicas}, rounded up. */
    public QuotaPlan share(int replicas) {
        Function<Counter, Counter> divided = c -> new Counter(c.key(), c.limit() == 0 ? 0 : Math.ceilDiv(c.limit(), replicas));
        return new QuotaPlan(requests.stream().map(divided).toList(), tokens.stream().map(divided).toList(),
                inFlight.stream().map(divided).toList(), budgets, budgetCurrency);
    }
}
