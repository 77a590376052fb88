package io.tollgate.gateway.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which keys a gateway replica saw since its last report, each with when it last saw it: how {@code last_used_at}
 * is kept without a write per request. Platform-wide (one event covers many organisations).
 */
@RegisterForReflection
public record KeysUsed(UUID reportId, List<KeyUse> uses) implements IntegrationEvent {

    public static final String TYPE = "gateway.keys-used.v1";

    /** One key's last use in the reporting period. */
    @RegisterForReflection
    public record KeyUse(UUID keyId, Instant lastUsedAt) {
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return reportId.toString();
    }

    @Override
    public UUID orgId() {
        return null;
    }
}
