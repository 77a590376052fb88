package io.tollgate.quota.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** An organisation's budget was set; amounts are exact decimal strings, null for no limit. For the audit trail. */
@RegisterForReflection
public record BudgetChanged(UUID orgId, String daily, String monthly, String currency, int softThresholdPercent,
        int version) implements IntegrationEvent {

    public static final String TYPE = "quota.budget-changed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orgId.toString();
    }
}
