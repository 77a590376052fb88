package io.tollgate.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.platform.error.TollgateException;
import io.tollgate.gateway.api.QuotaSubject;
import io.tollgate.quota.internal.domain.Budget;
import io.tollgate.quota.internal.domain.Gcra;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.Limits;
import io.tollgate.quota.internal.domain.ProjectedBudget;
import io.tollgate.quota.internal.domain.ProjectedLimits;
import io.tollgate.quota.internal.domain.QuotaPlan;
import io.tollgate.quota.internal.domain.QuotaPlan.Counter;
import io.tollgate.quota.internal.domain.RateLimitHeaders;
import io.tollgate.quota.internal.domain.SubjectDefinitions;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Quota rules without Redis: plans, GCRA arithmetic, header formats, validation. */
class QuotaDomainTest {

    private static final Limit DEFAULTS = new Limit(60_000L, 1_000_000L, null);

    @ParameterizedTest
    @CsvSource({"0,0s", "20,20ms", "999,999ms", "1000,1s", "1500,1.5s", "59999,59.999s", "60000,1m0s", "360000,6m0s",
            "61250,1m1.25s"})
    void resetsAreGoDurationsAsOpenAiSendsThem(long millis, String expected) {
        assertThat(RateLimitHeaders.duration(millis)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0,1", "1,1", "1000,1", "1001,2", "59000,59", "3600000,60"})
    void retryAfterIsWholeSecondsFromOneToSixty(long millis, long seconds) {
        assertThat(RateLimitHeaders.retryAfterSeconds(millis)).isEqualTo(seconds);
    }

    @Test
    void gcraLetsABurstOfExactlyTheLimitThroughThenSpacesRequests() {
        double tat = 0;
        double now = 1_000_000_000;
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            double next = Gcra.admit(tat, now, 1, 7);
            if (!Double.isNaN(next)) {
                tat = next;
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(7);
        assertThat(Gcra.remaining(tat, now, 7)).isZero();
        double oneIntervalLater = now + Gcra.WINDOW_MICROS / 7;
        assertThat(Gcra.admit(tat, oneIntervalLater, 1, 7)).isNotNaN();
        assertThat(Gcra.admit(0, now, 8, 7)).as("heavier than the whole limit").isNaN();
    }

    @Test
    void aPlanHasEveryLevelAndModelLimitAndTheDefaultsForAnOrganisationWithoutLimits() {
        UUID org = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        ProjectedLimits projectLimits = new ProjectedLimits(1, new Limits(100L, null, 5L, null));
        ProjectedLimits keyLimits = new ProjectedLimits(1, new Limits(null, 1000L, null,
                Map.of("gpt-4o", new Limit(10L, null, null), "other", new Limit(1L, 1L, 1L))));
        ProjectedBudget budget = new ProjectedBudget(1, "USD", 1_000_000L, null, 80);

        QuotaPlan plan = QuotaPlan.of(new QuotaSubject(org, project, key, "gpt-4o"),
                new SubjectDefinitions(null, projectLimits, keyLimits, budget), LocalDate.of(2026, 11, 25), DEFAULTS);

        assertThat(plan.requests()).extracting(Counter::limit).containsExactly(60_000L, 100L, 10L);
        assertThat(plan.requests().get(2).key()).endsWith(":rpm:key:" + key + ":m:gpt-4o").startsWith("tg:quota:{" + org + "}:");
        assertThat(plan.tokens()).extracting(Counter::limit).containsExactly(1_000_000L, 1000L);
        assertThat(plan.inFlight()).extracting(Counter::limit).containsExactly(5L);
        assertThat(plan.budgets()).singleElement().satisfies(b -> {
            assertThat(b.key()).endsWith(":spend:day:2026-11-25:USD");
            assertThat(b.limitMicros()).isEqualTo(1_000_000L);
        });
        assertThat(plan.share(2).requests()).extracting(Counter::limit).containsExactly(30_000L, 50L, 5L);
        assertThat(plan.share(3).inFlight()).extracting(Counter::limit).containsExactly(2L);
    }

    @Test
    void aKeyWithoutAProjectIgnoresProjectLimits() {
        UUID org = UUID.randomUUID();
        QuotaPlan plan = QuotaPlan.of(new QuotaSubject(org, null, UUID.randomUUID(), "m"),
                new SubjectDefinitions(new ProjectedLimits(1, Limits.UNLIMITED), new ProjectedLimits(1,
                        new Limits(1L, 1L, 1L, null)), null, null), LocalDate.now(), DEFAULTS);
        assertThat(plan.requests()).isEmpty();
        assertThat(plan.tokens()).isEmpty();
        assertThat(plan.inFlight()).isEmpty();
    }

    @Test
    void budgetsParseExactAmountsAndNameEveryBadField() {
        Budget budget = Budget.parse("25.50", null, "EUR", null);
        assertThat(Budget.micros(budget.daily())).isEqualTo(25_500_000L);
        assertThat(budget.softThresholdPercent()).isEqualTo(80);

        assertThatThrownBy(() -> Budget.parse("1e3", "1000000000", "EURO", 101))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("daily", "monthly", "currency", "softThresholdPercent"));
    }

    @Test
    void limitsNameEveryBadField() {
        Limits limits = new Limits(-1L, Limit.MAX_TOKENS_PER_MINUTE + 1, 0L,
                Map.of("ok", new Limit(1L, null, -5L), "white space", new Limit(null, null, null)));
        assertThat(limits.errors()).containsOnlyKeys("requestsPerMinute", "tokensPerMinute", "models.ok.maxConcurrent",
                "models.white space");
    }
}
