package io.tollgate.gateway.internal.routing;

import io.tollgate.gateway.internal.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this replica has seen of each deployment: requests in flight (for {@code least-busy}), an exponentially
 * weighted average of time to first byte (for {@code lowest-latency}), and a circuit breaker that opens after
 * consecutive failures, rejects calls while open, then lets one probe through (half-open) and closes on its
 * success. Per replica by design, like a load balancer's outlier detection: it is an optimisation that
 * converges on every replica from that replica's own traffic, never state the system relies on.
 */
@ApplicationScoped
public class DeploymentHealth {

    /** Weight of the newest sample in the latency average. */
    private static final double EWMA_ALPHA = 0.2;

    private final Map<UUID, State> states = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final long openNanos;

    public DeploymentHealth(GatewayConfig config) {
        this.failureThreshold = config.resilience().circuitFailureThreshold();
        this.openNanos = config.resilience().circuitOpenDuration().toNanos();
    }

    /** Whether a call may go to the deployment now; claims the single probe of a half-open circuit. */
    public boolean admits(UUID deployment, long nowNanos) {
        State state = state(deployment);
        if (state.failures.get() < failureThreshold) {
            return true;
        }
        return nowNanos - state.openedAt >= openNanos && state.probing.compareAndSet(false, true);
    }

    /** Milliseconds until the deployment's open circuit lets a probe through (0 when closed). */
    public long millisUntilProbe(UUID deployment, long nowNanos) {
        State state = state(deployment);
        if (state.failures.get() < failureThreshold) {
            return 0;
        }
        return Math.max(0, (openNanos - (nowNanos - state.openedAt)) / 1_000_000);
    }

    public void started(UUID deployment) {
        state(deployment).inFlight.incrementAndGet();
    }

    public void ended(UUID deployment) {
        state(deployment).inFlight.decrementAndGet();
    }

    /** The deployment answered: close its circuit and fold the time to first byte into its average. */
    public void succeeded(UUID deployment, long ttfbNanos) {
        State state = state(deployment);
        state.failures.set(0);
        state.probing.set(false);
        double sample = ttfbNanos / 1e6;
        state.ewmaMs = state.ewmaMs < 0 ? sample : EWMA_ALPHA * sample + (1 - EWMA_ALPHA) * state.ewmaMs;
    }

    /** The deployment failed (no answer, 429 or 5xx); the threshold-th consecutive failure opens its circuit. */
    public void failed(UUID deployment, long nowNanos) {
        State state = state(deployment);
        int failures = state.failures.incrementAndGet();
        if (failures >= failureThreshold) {
            state.openedAt = nowNanos;
            state.probing.set(false);
        }
    }

    int inFlight(UUID deployment) {
        return state(deployment).inFlight.get();
    }

    /** The average time to first byte in ms; unknown deployments count as fastest, so they get tried. */
    double latencyMs(UUID deployment) {
        return Math.max(0, state(deployment).ewmaMs);
    }

    private State state(UUID deployment) {
        return states.computeIfAbsent(deployment, id -> new State());
    }

    private static final class State {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean probing = new AtomicBoolean();
        volatile long openedAt;
        volatile double ewmaMs = -1;
    }
}
