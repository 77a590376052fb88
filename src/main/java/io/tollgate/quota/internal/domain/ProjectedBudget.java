package io.tollgate.quota.internal.domain;

/** An organisation's budget as projected into Redis: amounts in millionths of the currency, null for no limit. */
public record ProjectedBudget(int version, String currency, Long dailyMicros, Long monthlyMicros,
        int softThresholdPercent) {

    public static ProjectedBudget of(int version, Budget budget) {
        return new ProjectedBudget(version, budget.currency(), Budget.micros(budget.daily()),
                Budget.micros(budget.monthly()), budget.softThresholdPercent());
    }
}
