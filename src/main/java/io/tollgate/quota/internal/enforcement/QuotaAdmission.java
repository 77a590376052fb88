package io.tollgate.quota.internal.enforcement;

import io.tollgate.gateway.api.Admission;
import io.tollgate.quota.internal.domain.QuotaPlan;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An admission with what its settlement needs: the plan it reserved against (the limits at reserve time) and
 * its estimates. {@code ended} makes a second settle or release a no-op.
 */
record QuotaAdmission(String id, QuotaPlan plan, long estimatedTokens, long estimatedCostMicros,
        Map<String, String> headers, boolean degraded, boolean nearBudget, AtomicBoolean ended) implements Admission {

    /** True the first time only. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
