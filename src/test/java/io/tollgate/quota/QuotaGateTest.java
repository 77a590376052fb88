package io.tollgate.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.Admission;
import io.tollgate.gateway.api.Cost;
import io.tollgate.gateway.api.QuotaSubject;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.quota.internal.enforcement.GateSettings;
import io.tollgate.quota.internal.enforcement.RedisQuotaGate;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.RedisProxy;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcement API against the real Redis: two gates with their own Redis clients stand for two gateway
 * replicas, so exactness across replicas is observed, not assumed.
 */
@QuarkusTest
class QuotaGateTest {

    /** Platform defaults far above what the tests reach, so that the limits under test decide. */
    private static final Limit NO_DEFAULT = new Limit(1_000_000L, 1_000_000_000L, null);

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final List<Redis> clients = new ArrayList<>();
    private Session root;
    private UUID org;
    private UUID key;

    @BeforeEach
    void org() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
        key = UUID.randomUUID();
    }

    @AfterEach
    void close() {
        clients.forEach(Redis::close);
    }

    @Test
    void aBurstOfTenTimesTheLimitOverTwoReplicasAdmitsExactlyTheLimit() {
        int limit = 20;
        setKeyLimits(Map.of("requestsPerMinute", limit));
        Counter degraded = counter();
        RedisQuotaGate replicaA = gate(6379, true, NO_DEFAULT, degraded);
        RedisQuotaGate replicaB = gate(6379, true, NO_DEFAULT, degraded);

        List<Uni<Boolean>> burst = new ArrayList<>();
        for (int i = 0; i < 10 * limit; i++) {
            burst.add(admitted((i % 2 == 0 ? replicaA : replicaB).reserve(subject("gpt-x"), 0, Cost.UNPRICED)));
        }
        List<Boolean> outcomes = Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(outcomes.stream().filter(a -> a).count()).isEqualTo(limit);
        assertThat(degraded.count()).as("every decision came from Redis").isZero();
    }

    @Test
    void aDenialSays429WithRetryAfterAndTheRateLimitHeaders() {
        setKeyLimits(Map.of("requestsPerMinute", 2, "tokensPerMinute", 1000));
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());
        Admission first = gate.reserve(subject("gpt-x"), 100, Cost.UNPRICED).await().indefinitely();
        assertThat(first.headers()).containsEntry("x-ratelimit-limit-requests", "2")
                .containsEntry("x-ratelimit-remaining-requests", "1").containsEntry("x-ratelimit-limit-tokens", "1000")
                .containsEntry("x-ratelimit-remaining-tokens", "900").containsKey("x-ratelimit-reset-tokens");
        assertThat(first.headers().get("x-ratelimit-reset-requests")).matches("\\d+(\\.\\d+)?s|\\d+ms");
        gate.reserve(subject("gpt-x"), 100, Cost.UNPRICED).await().indefinitely();

        TollgateException denied = denial(gate.reserve(subject("gpt-x"), 100, Cost.UNPRICED));
        assertThat(denied.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(denied.code()).isEqualTo("rate_limit_exceeded");
        assertThat(Long.parseLong(denied.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(denied.headers()).containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-limit-requests", "2").doesNotContainKey("x-should-retry");
    }

    @Test
    void settlingRefundsTheUnusedTokenEstimateAndChargesAnOverrun() {
        setKeyLimits(Map.of("tokensPerMinute", 1000));
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());
        Admission big = gate.reserve(subject("gpt-x"), 800, Cost.UNPRICED).await().indefinitely();
        denial(gate.reserve(subject("gpt-x"), 800, Cost.UNPRICED));

        gate.settle(big, 100, Cost.UNPRICED).await().indefinitely();
        Admission next = gate.reserve(subject("gpt-x"), 800, Cost.UNPRICED).await().indefinitely();
        assertThat(Long.parseLong(next.headers().get("x-ratelimit-remaining-tokens"))).isBetween(99L, 100L);

        gate.settle(next, 900, Cost.UNPRICED).await().indefinitely();
        // The window refills 1000 tokens a minute (~17 a second): 50 more cannot fit within a busy machine's delay.
        TollgateException denied = denial(gate.reserve(subject("gpt-x"), 50, Cost.UNPRICED));
        assertThat(Long.parseLong(denied.headers().get("x-ratelimit-remaining-tokens"))).isLessThan(50);
    }

    @Test
    void settleAndReleaseFreeTheInFlightSlot() {
        setKeyLimits(Map.of("maxConcurrent", 2));
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());
        Admission one = gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        Admission two = gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        denial(gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED));

        gate.release(one).await().indefinitely();
        gate.release(one).await().indefinitely(); // a second end of the same admission frees nothing more
        Admission three = gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        denial(gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED));
        gate.settle(two, 5, Cost.UNPRICED).await().indefinitely();
        gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        assertThat(three.degraded()).isFalse();
    }

    @Test
    void aModelLimitAppliesToThatModelOnlyAndTheProjectLimitToAllItsKeys() {
        UUID project = UUID.randomUUID();
        setKeyLimits(Map.of("models", Map.of("gpt-small", Map.of("requestsPerMinute", 1))));
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", 3))
                .put("/admin/v1/orgs/" + org + "/projects/" + project + "/limits").then().statusCode(200);
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());
        QuotaSubject small = new QuotaSubject(org, project, key, "gpt-small");
        QuotaSubject large = new QuotaSubject(org, project, key, "gpt-large");

        gate.reserve(small, 0, Cost.UNPRICED).await().indefinitely();
        denial(gate.reserve(small, 0, Cost.UNPRICED));
        gate.reserve(large, 0, Cost.UNPRICED).await().indefinitely();
        gate.reserve(new QuotaSubject(org, project, UUID.randomUUID(), "gpt-large"), 0, Cost.UNPRICED).await().indefinitely();
        TollgateException projectSpent = denial(gate.reserve(new QuotaSubject(org, project, UUID.randomUUID(), "gpt-large"), 0, Cost.UNPRICED));
        assertThat(projectSpent.headers()).containsEntry("x-ratelimit-limit-requests", "3");
    }

    @Test
    void withBudgetForOneRequestFiftyParallelRequestsOverspendByAtMostOneReservation() {
        long reservation = 1_000; // micros: 0.001 USD
        long budget = 1_500;
        root.request().contentType("application/json").body(Map.of("daily", "0.0015", "currency", "USD"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        RedisQuotaGate replicaA = gate(6379, true, NO_DEFAULT, counter());
        RedisQuotaGate replicaB = gate(6379, true, NO_DEFAULT, counter());

        List<Uni<Boolean>> race = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            race.add(admitted((i % 2 == 0 ? replicaA : replicaB).reserve(subject("gpt-x"), 10, new Cost("USD", reservation))));
        }
        long admitted = Uni.join().all(race).andFailFast().await().atMost(Duration.ofSeconds(30)).stream()
                .filter(a -> a).count();

        // Admitted while anything is left: 0 < 1500 and 1000 < 1500, then 2000 ≥ 1500.
        assertThat(admitted).isEqualTo(2);
        long held = Long.parseLong(redis.hash(String.class).hget(spendOfToday("USD"), "held"));
        assertThat(held).isEqualTo(admitted * reservation).isLessThanOrEqualTo(budget + reservation);

        TollgateException spent = denial(replicaA.reserve(subject("gpt-x"), 10, new Cost("USD", reservation)));
        assertThat(spent.code()).isEqualTo("insufficient_quota");
        assertThat(spent.headers()).containsEntry("x-should-retry", "false").doesNotContainKey("retry-after");
    }

    @Test
    void settlingTurnsTheReservedCostIntoTheActualCost() {
        root.request().contentType("application/json").body(Map.of("daily", "1", "monthly", "10", "currency", "EUR"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());
        Admission admission = gate.reserve(subject("gpt-x"), 10, new Cost("EUR", 5_000)).await().indefinitely();
        gate.settle(admission, 10, new Cost("EUR", 1_234)).await().indefinitely();

        assertThat(redis.hash(String.class).hgetall(spendOfToday("EUR")))
                .containsEntry("held", "0").containsEntry("spent", "1234");
    }

    @Test
    void aPriceInAnotherCurrencyThanTheBudgetIsRefusedAndAnUnpricedRequestHoldsNothing() {
        root.request().contentType("application/json").body(Map.of("daily", "1", "currency", "EUR"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        RedisQuotaGate gate = gate(6379, true, NO_DEFAULT, counter());

        TollgateException refused = denial(gate.reserve(subject("gpt-x"), 10, new Cost("USD", 5_000)));
        assertThat(refused.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(refused.code()).isEqualTo("budget_currency_mismatch");
        assertThat(refused.getMessage()).contains("USD", "EUR");

        Admission unpriced = gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        assertThat(redis.hash(String.class).hget(spendOfToday("EUR"), "held")).isEqualTo("0");
        Admission fellBack = gate.reserve(subject("gpt-x"), 10, new Cost("EUR", 700)).await().indefinitely();
        gate.settle(unpriced, 10, Cost.UNPRICED).await().indefinitely();
        gate.settle(fellBack, 10, new Cost("USD", 99_999)).await().indefinitely();
        assertThat(redis.hash(String.class).hgetall(spendOfToday("EUR"))).as("a fallback served in USD keeps what it held")
                .containsEntry("held", "0").containsEntry("spent", "700");
    }

    @Test
    void withRedisUnreachableFailOpenAdmitsThisReplicasShareAndCountsDegradedDecisions() {
        Counter degraded = counter();
        RedisQuotaGate gate = gate(1, true, new Limit(4L, 1_000_000L, null), degraded);

        Admission admitted = gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        assertThat(admitted.degraded()).isTrue();
        assertThat(admitted.headers()).containsEntry("x-ratelimit-limit-requests", "2");
        gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED).await().indefinitely();
        TollgateException denied = denial(gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED));

        assertThat(denied.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(degraded.count()).isEqualTo(3);
        gate.settle(admitted, 5, Cost.UNPRICED).await().indefinitely();
    }

    @Test
    void withRedisUnreachableFailClosedAnswers503() {
        Counter degraded = counter();
        RedisQuotaGate gate = gate(1, false, NO_DEFAULT, degraded);

        TollgateException refused = denial(gate.reserve(subject("gpt-x"), 10, Cost.UNPRICED));

        assertThat(refused.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(degraded.count()).isEqualTo(1);
    }

    @Test
    void exactEnforcementResumesWhenRedisIsBackWithoutARestart() {
        setKeyLimits(Map.of("requestsPerMinute", 3));
        RedisProxy proxy = new RedisProxy(vertx.getDelegate()).start();
        Counter degraded = counter();
        RedisQuotaGate gate = gate(proxy.port(), true, NO_DEFAULT, degraded);
        assertThat(gate.reserve(subject("gpt-x"), 0, Cost.UNPRICED).await().indefinitely().degraded()).isFalse();

        proxy.stop();
        assertThat(gate.reserve(subject("gpt-x"), 0, Cost.UNPRICED).await().indefinitely().degraded()).isTrue();
        assertThat(degraded.count()).isEqualTo(1);

        proxy.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return !gate.reserve(subject("gpt-x"), 0, Cost.UNPRICED).await().indefinitely().degraded();
            } catch (TollgateException denied) {
                return denied.headers().get("x-ratelimit-limit-requests").equals("3");
            }
        });
        proxy.stop();
    }

    private String spendOfToday(String currency) {
        return QuotaKeys.spendOfDay(org, LocalDate.now(ZoneOffset.UTC), currency);
    }

    private void setKeyLimits(Map<String, Object> body) {
        root.request().contentType("application/json").body(body)
                .put("/admin/v1/orgs/" + org + "/keys/" + key + "/limits").then().statusCode(200);
    }

    private QuotaSubject subject(String model) {
        return new QuotaSubject(org, null, key, model);
    }

    private RedisQuotaGate gate(int port, boolean failOpen, Limit platformDefault, Counter degraded) {
        // The configured Redis (with its database index), at another port when a proxy or nothing listens there.
        String url = redisHosts.replaceFirst(":\\d+", ":" + port);
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(8).setMaxPoolWaiting(1000));
        clients.add(client);
        GateSettings settings = new GateSettings(Duration.ofSeconds(2), failOpen, 2, Duration.ofMillis(300),
                Duration.ofSeconds(2), 1000, Duration.ofMinutes(15), platformDefault);
        return new RedisQuotaGate(client, settings, json, Clock.systemUTC(), degraded);
    }

    private static Counter counter() {
        return new SimpleMeterRegistry().counter("tollgate_quota_degraded_total");
    }

    private static Uni<Boolean> admitted(Uni<Admission> reservation) {
        return reservation.map(a -> true).onFailure(TollgateException.class).recoverWithItem(false);
    }

    private static TollgateException denial(Uni<Admission> reservation) {
        try {
            reservation.await().indefinitely();
        } catch (TollgateException e) {
            return e;
        }
        throw new AssertionError("expected a denial");
    }
}
