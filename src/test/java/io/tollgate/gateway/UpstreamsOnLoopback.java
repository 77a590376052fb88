package io.tollgate.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Gateway tests call a fake provider on 127.0.0.1, which the SSRF guard refuses by default; they also want the
 * routing snapshot refreshed quickly and circuits that open and recover within a test's patience. Quota calls
 * to Redis get 2 s instead of 50 ms: on a busy test machine a slower call would hand decisions to the local
 * limiter, which enforces no budget, and the quota tests observe Redis's exact decisions.
 */
public class UpstreamsOnLoopback implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tollgate.catalog.allow-loopback", "true",
                "tollgate.catalog.snapshot.refresh-interval", "500ms",
                "tollgate.gateway.resilience.circuit-failure-threshold", "3",
                "tollgate.gateway.resilience.circuit-open-duration", "2s",
                "tollgate.gateway.streaming.keep-alive-interval", "300ms",
                "tollgate.quota.redis-timeout", "2s");
    }
}
