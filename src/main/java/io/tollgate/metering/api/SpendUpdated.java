package io.tollgate.metering.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

/**
 * An organisation's authoritative spend in one currency after the ledger changed: the total of the UTC
 * {@code day} and of its {@code month}, as exact decimal strings, as of {@code asOf}. The quota context keeps
 * budgets exact with it (replacing its own running estimate); a later event supersedes an earlier one.
 */
@RegisterForReflection
public record SpendUpdated(UUID updateId, UUID orgId, String currency, LocalDate day, String dayTotal, YearMonth month,
        String monthTotal, Instant asOf) implements IntegrationEvent {

    public static final String TYPE = "metering.spend-updated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orgId.toString();
    }
}
