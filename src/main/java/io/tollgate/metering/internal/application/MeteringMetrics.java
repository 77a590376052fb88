package io.tollgate.metering.internal.application;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.UUID;

/** The metering metrics of the ops contract (ADR 0014): unpriced requests, and spend as it is costed. */
@ApplicationScoped
public class MeteringMetrics {

    private final MeterRegistry registry;

    public MeteringMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request was recorded without a price in effect: it is in the ledger, but not in anyone's spend yet. */
    public void unpriced(String model) {
        registry.counter("tollgate_metering_unpriced_total", "model", model).increment();
    }

    /** {@code cost} was added to the spend (when a request is recorded priced, or re-priced later). */
    public void spent(UUID orgId, UUID projectId, String model, String currency, BigDecimal cost) {
        registry.counter("tollgate_metering_spend_total", "org", orgId.toString(),
                "project", projectId == null ? "" : projectId.toString(), "model", model, "currency", currency)
                .increment(cost.doubleValue());
    }
}
