package io.tollgate.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.metering.internal.domain.GroupBy;
import io.tollgate.metering.internal.domain.RollupDelta;
import io.tollgate.metering.internal.domain.UsageLine;
import io.tollgate.metering.internal.domain.UsageQuery;
import io.tollgate.metering.internal.domain.UsageReport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metering rules without a database: query validation, report sums, rollup deltas and shards. */
class MeteringDomainTest {

    private static final UsageQuery.Limits LIMITS = new UsageQuery.Limits(Duration.ofDays(400), Duration.ofDays(31));
    private static final UUID ORG = UUID.randomUUID();

    @Test
    void wholeDaysWithoutHourlyGroupingAreAnsweredFromTheDailyRollup() {
        assertThat(valid("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", "model").dailyEnough()).isTrue();
        assertThat(valid("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", "hour").dailyEnough()).isFalse();
        assertThat(valid("2026-01-01T05:00:00Z", "2026-01-03T00:00:00Z", null).dailyEnough()).isFalse();
    }

    @Test
    void instantsWithAnOffsetAreAccepted() {
        assertThat(valid("2026-01-01T01:00:00+01:00", "2026-01-02T00:00:00Z", "day").from())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void everyProblemOfAQuestionIsReportedAtOnce() {
        var parsed = UsageQuery.parse(ORG, null, "2026-01-01T00:00:00", "minute", "x", null, "", LIMITS);
        assertThat(parsed).isInstanceOf(UsageQuery.Invalid.class);
        assertThat(((UsageQuery.Invalid) parsed).errors()).containsOnlyKeys("from", "to", "groupBy", "projectId", "model");
    }

    @Test
    void reportSumsCurrenciesSeparatelyAndNeverCostsUnpricedRequests() {
        List<UsageLine> lines = List.of(
                new UsageLine("a", "USD", 2, 10, 5, 1, 0, new BigDecimal("0.10")),
                new UsageLine("a", null, 1, 3, 1, 0, 1, BigDecimal.ZERO),
                new UsageLine("b", "EUR", 1, 4, 2, 0, 0, new BigDecimal("0.05")),
                new UsageLine("c", null, 1, 4, 2, 0, 1, BigDecimal.ZERO));
        UsageReport report = UsageReport.of(lines, true);

        assertThat(report.totals().requests()).isEqualTo(5);
        assertThat(report.totals().unpricedRequests()).isEqualTo(2);
        assertThat(report.totals().cost()).as("two currencies: no single cost").isNull();
        assertThat(report.totals().costs()).isEqualTo(Map.of("USD", "0.1", "EUR", "0.05"));
        assertThat(report.groups()).extracting(UsageReport.Group::group).containsExactly("a", "b", "c");
        assertThat(report.groups().get(0).figures().cost()).isEqualTo("0.1");
        assertThat(report.groups().get(0).figures().currency()).isEqualTo("USD");
        assertThat(report.groups().get(2).figures().cost()).as("only unpriced requests").isNull();
    }

    @Test
    void negatedDeltaTakesBackExactlyWhatItAdded() {
        RollupDelta delta = new RollupDelta(ORG, null, UUID.randomUUID(), "m", Instant.parse("2026-01-01T10:42:00Z"),
                "USD", 3, 1, 100, 50, 10, 0, new BigDecimal("0.00725"));
        assertThat(delta.hour()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(delta.day()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        RollupDelta back = delta.negate();
        assertThat(back.requests() + delta.requests()).isZero();
        assertThat(back.cost().add(delta.cost())).isEqualByComparingTo("0");
    }

    @Test
    void shardComesFromTheLastByteOfTheUsageId() {
        assertThat(RollupDelta.shardOf(UUID.fromString("01900000-0000-7000-8000-0000000000ff"))).isEqualTo(0xff % 8);
        assertThat(RollupDelta.shardOf(UUID.fromString("01900000-0000-7000-8000-000000000003"))).isEqualTo(3);
    }

    @Test
    void groupingsHaveTheirApiNames() {
        assertThat(GroupBy.parse("project")).contains(GroupBy.PROJECT);
        assertThat(GroupBy.parse("PROJECT")).isEmpty();
    }

    private static UsageQuery valid(String from, String to, String groupBy) {
        var parsed = UsageQuery.parse(ORG, from, to, groupBy, null, null, null, LIMITS);
        assertThat(parsed).isInstanceOf(UsageQuery.Valid.class);
        return ((UsageQuery.Valid) parsed).query();
    }
}
