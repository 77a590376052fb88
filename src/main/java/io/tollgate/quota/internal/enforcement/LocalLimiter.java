package io.tollgate.quota.internal.enforcement;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.quota.internal.domain.Gcra;
import io.tollgate.quota.internal.domain.QuotaPlan;
import io.tollgate.quota.internal.domain.QuotaPlan.Counter;
import io.tollgate.quota.internal.domain.RateLimitHeaders.State;
import java.time.Duration;
import java.util.List;

/**
 * This replica's limiter while Redis is unavailable: the same GCRA and in-flight counts as the script, in memory,
 * over a plan already divided by the expected replicas. Budgets are not known here and not enforced.
 */
final class LocalLimiter {

    /** What a local decision gives the caller. */
    record Decision(boolean admitted, long retryMillis, State requests, State tokens) {
    }

    // A TAT never lies more than a window ahead, so one unused for longer is as good as absent.
    private final Cache<String, Double> arrivals = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(70)).build();
    private final Cache<String, Long> inFlight;

    LocalLimiter(Duration lease) {
        this.inFlight = Caffeine.newBuilder().expireAfterWrite(lease).build();
    }

    synchronized Decision reserve(QuotaPlan plan, long estimatedTokens, double nowMicros) {
        boolean admitted = true;
        long retry = 0;
        for (Counter c : plan.inFlight()) {
            if (inFlight.asMap().getOrDefault(c.key(), 0L) >= c.limit()) {
                admitted = false;
                retry = Math.max(retry, 1000);
            }
        }
        admitted &= fits(plan.requests(), 1, nowMicros) & fits(plan.tokens(), estimatedTokens, nowMicros);
        if (!admitted) {
            retry = Math.max(retry, 1000);
        } else {
            take(plan.requests(), 1, nowMicros);
            take(plan.tokens(), estimatedTokens, nowMicros);
            plan.inFlight().forEach(c -> inFlight.asMap().merge(c.key(), 1L, Long::sum));
        }
        return new Decision(admitted, retry, state(plan.requests(), nowMicros), state(plan.tokens(), nowMicros));
    }

    synchronized void settle(QuotaPlan plan, long tokenDifference, double nowMicros) {
        for (Counter c : plan.tokens()) {
            if (c.limit() > 0) {
                double tat = Math.max(arrivals.asMap().getOrDefault(c.key(), nowMicros), nowMicros)
                        + tokenDifference * (Gcra.WINDOW_MICROS / c.limit());
                arrivals.put(c.key(), tat);
            }
        }
        plan.inFlight().forEach(c -> inFlight.asMap().computeIfPresent(c.key(), (k, n) -> n <= 1 ? null : n - 1));
    }

    private boolean fits(List<Counter> counters, long weight, double now) {
        return counters.stream().allMatch(c -> !Double.isNaN(Gcra.admit(tat(c), now, weight, c.limit())));
    }

    private void take(List<Counter> counters, long weight, double now) {
        counters.forEach(c -> arrivals.put(c.key(), Gcra.admit(tat(c), now, weight, c.limit())));
    }

    private double tat(Counter c) {
        return arrivals.asMap().getOrDefault(c.key(), 0d);
    }

    private State state(List<Counter> counters, double now) {
        State tightest = null;
        for (Counter c : counters) {
            double tat = Math.max(tat(c), now);
            State s = new State(c.limit(), Gcra.remaining(tat, now, c.limit()), (long) Math.ceil((tat - now) / 1000));
            if (tightest == null || s.remaining() < tightest.remaining()) {
                tightest = s;
            }
        }
        return tightest;
    }
}
