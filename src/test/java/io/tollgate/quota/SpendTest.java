package io.tollgate.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Broker;
import io.tollgate.quota.api.BudgetThresholdReached;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import org.eclipse.microprofile.config.ConfigProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Budgets follow metering's authoritative spend, which survives a Redis that lost it. */
@QuarkusTest
class SpendTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void spendUpdatesRaiseTheEstimateNeverLowerItIgnoreOlderOnesAndAreReseededAfterRedisLosesThem() throws Exception {
        Session root = Accounts.superadmin();
        UUID org = Accounts.org(root);
        root.request().contentType("application/json").body(Map.of("daily", "1", "currency", "USD"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String day = QuotaKeys.spendOfDay(org, today, "USD");
        String month = QuotaKeys.spendOfMonth(org, YearMonth.from(today), "USD");
        Instant now = Instant.now();

        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.75", YearMonth.from(today), "12.5", now));
        await().atMost(Duration.ofSeconds(10)).until(() -> "750000".equals(redis.hash(String.class).hget(day, "spent")));
        assertThat(redis.hash(String.class).hget(month, "spent")).isEqualTo("12500000");

        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.10", YearMonth.from(today), "1", now.minusSeconds(5)));
        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.80", YearMonth.from(today), "12.55", now.plusMillis(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "800000".equals(redis.hash(String.class).hget(day, "spent")));

        // A gateway settled 0.10 that metering has not counted yet: a newer but lower total must not forget it.
        redis.hash(String.class).hincrby(day, "spent", 100_000);
        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.85", YearMonth.from(today), "12.6", now.plusMillis(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "12600000".equals(redis.hash(String.class).hget(month, "spent")));
        assertThat(redis.hash(String.class).hget(day, "spent")).isEqualTo("900000");
        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.95", YearMonth.from(today), "12.7", now.plusMillis(3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "950000".equals(redis.hash(String.class).hget(day, "spent")));

        redis.key().del(day, month);
        await().atMost(Duration.ofSeconds(15)).until(() -> "950000".equals(redis.hash(String.class).hget(day, "spent")));
        assertThat(redis.hash(String.class).hget(month, "spent")).isEqualTo("12700000");
        assertThat(redis.key().pttl(day)).isPositive();
    }

    @Test
    void crossingTheSoftThresholdAnnouncesItOncePerPeriod() throws Exception {
        Session root = Accounts.superadmin();
        UUID org = Accounts.org(root);
        root.request().contentType("application/json")
                .body(Map.of("daily", "1", "monthly", "100", "currency", "USD", "softThresholdPercent", 80))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();

        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.79", YearMonth.from(today), "10", now));
        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.80", YearMonth.from(today), "10.01", now.plusMillis(1)));
        publish(new SpendUpdated(UUID.randomUUID(), org, "USD", today, "0.95", YearMonth.from(today), "10.16", now.plusMillis(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> thresholdEvents(org).size() == 1);
        Thread.sleep(500);

        assertThat(thresholdEvents(org)).singleElement().asString().contains("\"period\": \"day\"")
                .contains("\"spent\": \"0.8\"").contains("\"limit\": \"1\"");
    }

    private static List<String> thresholdEvents(UUID org) throws Exception {
        var config = ConfigProvider.getConfig();
        try (var db = DriverManager.getConnection(config.getValue("quarkus.datasource.quota.jdbc.url", String.class),
                config.getValue("quarkus.datasource.quota.username", String.class),
                config.getValue("quarkus.datasource.quota.password", String.class));
                var query = db.prepareStatement("SELECT data::text FROM outbox WHERE org_id = ? AND routing_key = ?")) {
            query.setObject(1, org);
            query.setString(2, BudgetThresholdReached.TYPE);
            List<String> events = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1));
                }
            }
            return events;
        }
    }

    private void publish(SpendUpdated update) throws Exception {
        byte[] event = CloudEvents.serialize(CloudEvents.build(update.updateId(), "metering", SpendUpdated.TYPE,
                update.subject(), update.orgId(), OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsBytes(update)));
        try (Broker broker = Broker.connect()) {
            broker.publish("tollgate.events", SpendUpdated.TYPE, CloudEvents.CONTENT_TYPE, event);
        }
    }
}
