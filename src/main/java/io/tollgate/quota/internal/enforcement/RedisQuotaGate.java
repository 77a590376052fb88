package io.tollgate.quota.internal.enforcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.gateway.api.Admission;
import io.tollgate.gateway.api.Cost;
import io.tollgate.gateway.api.QuotaGate;
import io.tollgate.gateway.api.QuotaSubject;
import io.tollgate.quota.internal.domain.QuotaPlan;
import io.tollgate.quota.internal.domain.QuotaPlan.BudgetCounter;
import io.tollgate.quota.internal.domain.QuotaPlan.Counter;
import io.tollgate.quota.internal.domain.RateLimitHeaders;
import io.tollgate.quota.internal.domain.RateLimitHeaders.State;
import io.tollgate.quota.internal.domain.SubjectDefinitions;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@link QuotaGate} on Redis (docs/quotas.md, ADR 0019): definitions from a near cache, then one script that
 * checks and reserves every counter of the request's {@link QuotaPlan} atomically, so replicas sharing one Redis
 * enforce one limit exactly. When Redis fails or is slower than {@code redisTimeout}, the gateway decides locally
 * for {@code redisRetryInterval} (fail-open: each replica its share of the limits; fail-closed: 503), counting
 * {@code tollgate_quota_degraded_total}, then tries Redis again.
 */
public final class RedisQuotaGate implements QuotaGate {

    private static final Logger LOG = Logger.getLogger(RedisQuotaGate.class);
    private static final int ADMITTED = 0;
    private static final int BUDGET_SPENT = 2;

    private final Redis redis;
    private final GateSettings settings;
    private final Clock clock;
    private final io.micrometer.core.instrument.Counter degraded;
    private final DefinitionCache definitions;
    private final LocalLimiter local;
    private volatile long redisRetryAt;

    public RedisQuotaGate(Redis redis, GateSettings settings, ObjectMapper json, Clock clock,
            io.micrometer.core.instrument.Counter degraded) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
        this.degraded = degraded;
        this.definitions = new DefinitionCache(redis, json, clock, settings);
        this.local = new LocalLimiter(settings.inFlightLease());
    }

    @Override
    public Uni<Admission> reserve(QuotaSubject subject, long estimatedTokens, Cost estimatedCost) {
        long tokens = Math.max(0, estimatedTokens);
        if (clock.millis() < redisRetryAt) {
            return decideLocally(subject, tokens);
        }
        return definitions.get(subject)
                .flatMap(found -> {
                    QuotaPlan plan = QuotaPlan.of(subject, found, today(), settings.platformDefault());
                    long cost = heldCost(plan, estimatedCost, subject.model());
                    String id = Ids.newId().toString();
                    return QuotaScripts.RESERVE.run(redis, reserveKeys(plan), reserveArgs(plan, id, tokens, cost))
                            .ifNoItem().after(settings.redisTimeout()).fail()
                            .map(result -> admission(id, plan, tokens, cost, result));
                })
                .onFailure(e -> !(e instanceof TollgateException)).recoverWithUni(e -> {
                    LOG.debugf(e, "Redis unavailable for quotas; deciding locally");
                    redisRetryAt = clock.millis() + settings.redisRetryInterval().toMillis();
                    return decideLocally(subject, tokens);
                });
    }

    @Override
    public Uni<Void> settle(Admission admission, long actualTokens, Cost actualCost) {
        QuotaAdmission held = (QuotaAdmission) admission;
        if (!held.end()) {
            return Uni.createFrom().voidItem();
        }
        long difference = Math.max(0, actualTokens) - held.estimatedTokens();
        if (held.degraded()) {
            local.settle(held.plan(), difference, nowMicros());
            return Uni.createFrom().voidItem();
        }
        QuotaPlan plan = held.plan();
        List<String> keys = Stream.of(plan.tokens().stream().map(Counter::key), plan.inFlight().stream().map(Counter::key),
                plan.budgets().stream().map(BudgetCounter::key)).flatMap(s -> s).toList();
        List<String> args = new ArrayList<>(List.of(held.id(), Long.toString(difference),
                Long.toString(held.estimatedCostMicros()), Long.toString(chargedCost(plan, held, actualCost)),
                Integer.toString(plan.tokens().size()), Integer.toString(plan.inFlight().size()),
                Integer.toString(plan.budgets().size())));
        plan.tokens().forEach(c -> args.add(Long.toString(c.limit())));
        plan.budgets().forEach(b -> args.add(Long.toString(b.ttlMillis())));
        return QuotaScripts.SETTLE.run(redis, keys, args).ifNoItem().after(settings.redisTimeout()).fail()
                .replaceWithVoid()
                // The slot then expires with its lease and the tokens with their window: never fail the response.
                .onFailure().invoke(e -> LOG.debugf(e, "Settling admission %s failed", held.id()))
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<Void> release(Admission admission) {
        return settle(admission, 0, Cost.UNPRICED);
    }

    /**
     * The micros a reservation holds against the budget: nothing without a budget or a price; a price in
     * another currency cannot be held against the budget, and is refused rather than let through unbounded.
     */
    private static long heldCost(QuotaPlan plan, Cost estimate, String model) {
        if (plan.budgets().isEmpty() || !estimate.priced()) {
            return 0;
        }
        if (!estimate.currency().equals(plan.budgetCurrency())) {
            throw new TollgateException(ErrorKind.FORBIDDEN, "The model '" + model + "' is priced in "
                    + estimate.currency() + " but the organisation's budget is in " + plan.budgetCurrency()
                    + ", so its spend cannot be held against the budget. Ask a billing administrator to set the budget in "
                    + estimate.currency() + ", or the catalog administrator to price the model in " + plan.budgetCurrency()
                    + ".", Map.of(), "budget_currency_mismatch", "model");
        }
        return estimate.micros();
    }

    /**
     * The micros a settled request adds to the budget: its actual cost in the budget's currency, nothing when
     * unpriced; a fallback that was served in another currency keeps what was held, the only amount known in it.
     */
    private static long chargedCost(QuotaPlan plan, QuotaAdmission held, Cost actual) {
        if (!actual.priced()) {
            return 0;
        }
        return actual.currency().equals(plan.budgetCurrency()) ? actual.micros() : held.estimatedCostMicros();
    }

    private Admission admission(String id, QuotaPlan plan, long tokens, long cost, Response result) {
        int status = result.get(0).toInteger();
        Map<String, String> headers = RateLimitHeaders.of(
                state(result, 2, settings.platformDefault().requestsPerMinute()),
                state(result, 5, settings.platformDefault().tokensPerMinute()));
        if (status == ADMITTED) {
            return new QuotaAdmission(id, plan, tokens, cost, headers, false, result.get(8).toInteger() == 1,
                    new AtomicBoolean());
        }
        Map<String, String> failure = new LinkedHashMap<>(headers);
        if (status == BUDGET_SPENT) {
            failure.put(RateLimitHeaders.SHOULD_RETRY, "false");
            throw TollgateException.rateLimited("You exceeded your current quota: the organisation's budget is spent. "
                    + "Ask its billing administrator to raise it.", "insufficient_quota", failure);
        }
        failure.put(RateLimitHeaders.RETRY_AFTER, Long.toString(RateLimitHeaders.retryAfterSeconds(result.get(1).toLong())));
        throw TollgateException.rateLimited("Rate limit reached: " + describe(headers) + ". Retry after the time in retry-after.",
                "rate_limit_exceeded", failure);
    }

    private Uni<Admission> decideLocally(QuotaSubject subject, long tokens) {
        degraded.increment();
        if (!settings.failOpen()) {
            return Uni.createFrom().failure(new TollgateException(ErrorKind.UNAVAILABLE,
                    "Quota enforcement is unavailable; retry shortly", Map.of(), "service_unavailable", null));
        }
        QuotaPlan plan = QuotaPlan.of(subject, definitions.lastKnown(subject), today(), settings.platformDefault())
                .share(settings.expectedReplicas());
        LocalLimiter.Decision decision = local.reserve(plan, tokens, nowMicros());
        Map<String, String> headers = RateLimitHeaders.of(
                orDefault(decision.requests(), settings.platformDefault().requestsPerMinute()),
                orDefault(decision.tokens(), settings.platformDefault().tokensPerMinute()));
        if (!decision.admitted()) {
            Map<String, String> failure = new LinkedHashMap<>(headers);
            failure.put(RateLimitHeaders.RETRY_AFTER, Long.toString(RateLimitHeaders.retryAfterSeconds(decision.retryMillis())));
            return Uni.createFrom().failure(TollgateException.rateLimited(
                    "Rate limit reached: " + describe(headers) + ". Retry after the time in retry-after.",
                    "rate_limit_exceeded", failure));
        }
        return Uni.createFrom().item(new QuotaAdmission(Ids.newId().toString(), plan, tokens, 0, headers, true, false,
                new AtomicBoolean()));
    }

    private static List<String> reserveKeys(QuotaPlan plan) {
        return Stream.of(plan.requests().stream().map(Counter::key), plan.tokens().stream().map(Counter::key),
                plan.inFlight().stream().map(Counter::key), plan.budgets().stream().map(BudgetCounter::key))
                .flatMap(s -> s).toList();
    }

    private List<String> reserveArgs(QuotaPlan plan, String id, long tokens, long cost) {
        List<String> args = new ArrayList<>(List.of(id, Long.toString(tokens), Long.toString(cost),
                Long.toString(settings.inFlightLease().toMillis()), Integer.toString(plan.requests().size()),
                Integer.toString(plan.tokens().size()), Integer.toString(plan.inFlight().size()),
                Integer.toString(plan.budgets().size())));
        Stream.of(plan.requests(), plan.tokens(), plan.inFlight()).flatMap(List::stream)
                .forEach(c -> args.add(Long.toString(c.limit())));
        plan.budgets().forEach(b -> args.add(Long.toString(b.limitMicros())));
        plan.budgets().forEach(b -> args.add(Integer.toString(b.softThresholdPercent())));
        plan.budgets().forEach(b -> args.add(Long.toString(b.ttlMillis())));
        return args;
    }

    /** The script's state of the tightest limit, from position {@code at}; the platform default when none applied. */
    private static State state(Response result, int at, long platformDefault) {
        long limit = result.get(at).toLong();
        return limit < 0 ? new State(platformDefault, platformDefault, 0)
                : new State(limit, result.get(at + 1).toLong(), result.get(at + 2).toLong());
    }

    private static State orDefault(State state, long platformDefault) {
        return state == null ? new State(platformDefault, platformDefault, 0) : state;
    }

    private static String describe(Map<String, String> headers) {
        return headers.get("x-ratelimit-remaining-requests") + " of " + headers.get("x-ratelimit-limit-requests")
                + " requests and " + headers.get("x-ratelimit-remaining-tokens") + " of "
                + headers.get("x-ratelimit-limit-tokens") + " tokens per minute left";
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Microseconds since 2026-01-01, the epoch of the script's counters. */
    private double nowMicros() {
        return (clock.millis() - 1_767_225_600_000L) * 1000d;
    }
}
