package io.tollgate.quota.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/**
 * An organisation's spend of a {@code period} ({@code day} or {@code month}, starting {@code periodStart}) reached
 * the budget's soft threshold, by metering's authoritative total. Amounts are exact decimal strings.
 */
@RegisterForReflection
public record BudgetThresholdReached(UUID orgId, String period, String periodStart, String spent, String limit,
        String currency, int softThresholdPercent) implements IntegrationEvent {

    public static final String TYPE = "quota.budget-threshold-reached.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orgId.toString();
    }
}
