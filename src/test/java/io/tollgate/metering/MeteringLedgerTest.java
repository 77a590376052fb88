package io.tollgate.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.metering.internal.application.RollupCompaction;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.testing.Broker;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger consumer on the real broker and database: exactly one row per usage id, exact costs from the price
 * projection, re-pricing when a price arrives, rollups that follow, the spend feed, and dead-lettering.
 */
@QuarkusTest
class MeteringLedgerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Tokens TOKENS = new Tokens(1000, 500, 200, 0, 0);

    @Inject
    @ReactiveDataSource("metering")
    Pool metering;

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    @Inject
    RollupCompaction compaction;

    MeteringEvents events;
    UUID org;
    UUID project;
    UUID key;
    String model;
    Instant hour;

    @BeforeEach
    void freshOrgAndModel() {
        events = new MeteringEvents(publisher, json);
        org = UUID.randomUUID();
        project = UUID.randomUUID();
        key = UUID.randomUUID();
        model = Unique.slug("model");
        hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    }

    @Test
    void duplicateDeliveryThreeTimesLeavesOneRowCountedOnce() {
        UsageRecorded usage = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(60));
        events.publish(usage);
        events.publish(usage);
        events.publish(usage);
        UsageRecorded sentinel = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(120));
        events.publish(sentinel);

        awaitRow(sentinel.usageId());
        assertThat(count("SELECT count(*) FROM usage_ledger WHERE usage_id = $1", usage.usageId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM inbox WHERE consumer = 'metering.ledger' AND event_id = $1",
                usage.usageId().toString())).isEqualTo(1);
        assertThat(count("SELECT sum(requests) FROM usage_hourly WHERE org_id = $1", org)).isEqualTo(2);
        assertThat(count("SELECT sum(prompt_tokens) FROM usage_daily WHERE org_id = $1", org)).isEqualTo(2000);
    }

    @Test
    void sameUsageUnderAnotherEventIdStillLeavesOneRow() {
        UsageRecorded usage = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour);
        events.publish(usage);
        // A re-publication with a new CloudEvent id passes the inbox; the ledger's unique usage id stops it.
        publisher.publish(events.envelope(Ids.newId(), "gateway", usage)).await().indefinitely();
        UsageRecorded sentinel = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(1));
        events.publish(sentinel);

        awaitRow(sentinel.usageId());
        assertThat(count("SELECT count(*) FROM usage_ledger WHERE usage_id = $1", usage.usageId())).isEqualTo(1);
        assertThat(count("SELECT sum(requests) FROM usage_hourly WHERE org_id = $1", org)).isEqualTo(2);
    }

    @Test
    void requestIsCostedExactlyAtThePriceVersionInEffectAtItsStart() {
        UUID deployment = UUID.randomUUID();
        awaitPrice(MeteringEvents.price(model, null, "2.5", "10", "1.25", hour));
        awaitPrice(MeteringEvents.price(model, null, "3", "12", null, hour.plus(1, ChronoUnit.HOURS)));
        awaitPrice(MeteringEvents.price(model, deployment, "0.1", "0.2", null, hour));

        UsageRecorded first = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(1800));
        UsageRecorded second = MeteringEvents.usage(org, project, key, model, UUID.randomUUID(), TOKENS,
                hour.plusSeconds(5400));
        UsageRecorded onDeployment = MeteringEvents.usage(org, project, key, model, deployment, TOKENS,
                hour.plusSeconds(5400));
        events.publish(first);
        events.publish(second);
        events.publish(onDeployment);

        // 800 uncached × 2.5 + 200 cached × 1.25 + 500 × 10, per million.
        assertThat(awaitRow(first.usageId()).getBigDecimal("cost")).isEqualByComparingTo("0.00725");
        // The later version has no cached price: cached input is charged as input. 1000 × 3 + 500 × 12.
        assertThat(awaitRow(second.usageId()).getBigDecimal("cost")).isEqualByComparingTo("0.009");
        // The deployment's own price wins over the model's: 1000 × 0.1 + 500 × 0.2.
        Row deployed = awaitRow(onDeployment.usageId());
        assertThat(deployed.getBigDecimal("cost")).isEqualByComparingTo("0.0002");
        assertThat(deployed.getString("currency")).isEqualTo("USD");
        assertThat(deployed.getBoolean("unpriced")).isFalse();
        assertThat(decimal("SELECT sum(cost) FROM usage_daily WHERE org_id = $1 AND currency = 'USD'", org))
                .isEqualByComparingTo("0.01645");
    }

    @Test
    void unpricedRequestIsStoredWithoutCostThenRepricedWhenItsPriceArrives() {
        UsageRecorded before = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.minusSeconds(60));
        UsageRecorded covered = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(60));
        events.publish(before);
        events.publish(covered);
        Row unpriced = awaitRow(covered.usageId());
        awaitRow(before.usageId());
        assertThat(unpriced.getBoolean("unpriced")).isTrue();
        assertThat(unpriced.getBigDecimal("cost")).isNull();
        assertThat(count("SELECT sum(unpriced_requests) FROM usage_hourly WHERE org_id = $1", org)).isEqualTo(2);

        awaitPrice(MeteringEvents.price(model, null, "2.5", "10", "1.25", hour));
        await().atMost(WAIT).until(() -> !row(covered.usageId()).getBoolean("unpriced"));

        assertThat(row(covered.usageId()).getBigDecimal("cost")).isEqualByComparingTo("0.00725");
        assertThat(row(before.usageId()).getBoolean("unpriced")).as("started before the price").isTrue();
        assertThat(count("SELECT sum(unpriced_requests) FROM usage_hourly WHERE org_id = $1", org)).isEqualTo(1);
        assertThat(count("SELECT sum(requests) FROM usage_hourly WHERE org_id = $1", org)).isEqualTo(2);
        assertThat(count("SELECT sum(requests) FROM usage_daily WHERE org_id = $1 AND currency = 'USD'", org))
                .isEqualTo(1);
        assertThat(decimal("SELECT sum(cost) FROM usage_hourly WHERE org_id = $1", org)).isEqualByComparingTo("0.00725");
        assertThat(decimal("SELECT sum(cost) FROM usage_daily WHERE org_id = $1", org)).isEqualByComparingTo("0.00725");
    }

    @Test
    void priceArrivingWhileRequestsAreRecordedLeavesNoneOfThemUnpriced() {
        int n = 60;
        for (int i = 0; i < n; i++) {
            if (i == n / 3) {
                events.publish(MeteringEvents.price(model, null, "2.5", "10", "1.25", hour));
            }
            events.publish(MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(i)));
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE org_id = $1", org) == n);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE org_id = $1 AND unpriced", org) == 0);

        assertThat(decimal("SELECT sum(cost) FROM usage_ledger WHERE org_id = $1", org)).isEqualByComparingTo("0.435");
        assertThat(count("SELECT sum(unpriced_requests) FROM usage_hourly WHERE org_id = $1", org)).isZero();
        assertThat(count("SELECT sum(requests) FROM usage_daily WHERE org_id = $1", org)).isEqualTo(n);
        assertThat(decimal("SELECT sum(cost) FROM usage_hourly WHERE org_id = $1", org)).isEqualByComparingTo("0.435");
        assertThat(decimal("SELECT sum(cost) FROM usage_daily WHERE org_id = $1", org)).isEqualByComparingTo("0.435");
    }

    @Test
    void closedBucketsAreFoldedIntoOneShardWithTheSameSums() {
        awaitPrice(MeteringEvents.price(model, null, "2.5", "10", "1.25", hour.minus(3, ChronoUnit.DAYS)));
        Instant twoDaysAgo = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plusSeconds(3600);
        int n = 24;
        for (int i = 0; i < n; i++) {
            events.publish(MeteringEvents.usage(org, project, key, model, null, TOKENS, twoDaysAgo.plusSeconds(i)));
        }
        events.publish(MeteringEvents.usage(org, project, key, Unique.slug("unpriced"), null, TOKENS, twoDaysAgo));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE org_id = $1", org) == n + 1);

        compaction.compact().await().indefinitely();

        for (String table : new String[] { "usage_hourly", "usage_daily" }) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE org_id = $1 AND shard <> 0", org)).as(table).isZero();
            assertThat(count("SELECT count(*) FROM " + table + " WHERE org_id = $1", org)).as(table).isEqualTo(2);
            assertThat(count("SELECT sum(requests) FROM " + table + " WHERE org_id = $1", org)).isEqualTo(n + 1);
            assertThat(count("SELECT sum(unpriced_requests) FROM " + table + " WHERE org_id = $1", org)).isEqualTo(1);
            assertThat(decimal("SELECT sum(cost) FROM " + table + " WHERE org_id = $1", org))
                    .isEqualByComparingTo(new BigDecimal("0.00725").multiply(BigDecimal.valueOf(n)));
        }
    }

    @Test
    void costedRequestPublishesTheOrgsDayAndMonthSpend() {
        awaitPrice(MeteringEvents.price(model, null, "2.5", "10", "1.25", hour));
        events.publish(MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(10)));
        events.publish(MeteringEvents.usage(org, project, key, model, null, TOKENS, hour.plusSeconds(20)));

        await().atMost(WAIT).until(() -> count("""
                SELECT count(*) FROM outbox WHERE org_id = $1 AND routing_key = 'metering.spend-updated.v1'
                   AND published_at IS NOT NULL""", org) == 2);
        Row latest = metering.preparedQuery("""
                SELECT data->>'dayTotal' AS day_total, data->>'monthTotal' AS month_total, data->>'currency' AS currency
                  FROM outbox WHERE org_id = $1 ORDER BY (data->>'asOf')::timestamptz DESC LIMIT 1""")
                .execute(Tuple.of(org)).await().indefinitely().iterator().next();
        assertThat(latest.getString("currency")).isEqualTo("USD");
        assertThat(new BigDecimal(latest.getString("day_total"))).isEqualByComparingTo("0.0145");
        assertThat(new BigDecimal(latest.getString("month_total"))).isGreaterThanOrEqualTo(new BigDecimal("0.0145"));
    }

    @Test
    void poisonMessageIsDeadLetteredAndDoesNotBlockTheQueue() throws Exception {
        String marker = "not-a-cloud-event-" + UUID.randomUUID();
        try (Broker broker = Broker.connect()) {
            broker.publish("tollgate.events", UsageRecorded.TYPE, CloudEvents.CONTENT_TYPE,
                    marker.getBytes(StandardCharsets.UTF_8));
            UsageRecorded after = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour);
            events.publish(after);

            awaitRow(after.usageId());
            assertThat(broker.awaitMessage("tollgate.metering.ledger.dlq",
                    m -> new String(m.getBody(), StandardCharsets.UTF_8).equals(marker), WAIT)).isPresent();
        }
    }

    @Test
    void usageEventThatCannotBeRecordedIsRetriedThenDeadLettered() throws Exception {
        UUID id = Ids.newId();
        var broken = CloudEvents.build(id, "gateway", UsageRecorded.TYPE, "req-broken", org,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"usageId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8));
        publisher.publish(broken).await().indefinitely();
        UsageRecorded after = MeteringEvents.usage(org, project, key, model, null, TOKENS, hour);
        events.publish(after);
        awaitRow(after.usageId());
        try (Broker broker = Broker.connect()) {
            assertThat(broker.awaitMessage("tollgate.metering.ledger.dlq",
                    m -> new String(m.getBody(), StandardCharsets.UTF_8).contains(id.toString()),
                    Duration.ofSeconds(30))).isPresent();
        }
        assertThat(count("SELECT count(*) FROM inbox WHERE event_id = $1", id.toString())).isZero();
    }

    private void awaitPrice(PriceAdded price) {
        events.publish(price);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM prices WHERE price_id = $1", price.priceId()) == 1);
    }

    private Row awaitRow(UUID usageId) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE usage_id = $1", usageId) == 1);
        return row(usageId);
    }

    private Row row(UUID usageId) {
        return metering.preparedQuery("SELECT * FROM usage_ledger WHERE usage_id = $1").execute(Tuple.of(usageId))
                .await().indefinitely().iterator().next();
    }

    private long count(String sql, Object parameter) {
        Long value = metering.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getLong(0);
        return value == null ? 0 : value;
    }

    private BigDecimal decimal(String sql, Object parameter) {
        return metering.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getBigDecimal(0);
    }
}
