package io.tollgate.ops.nativefixture;

import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** Planted defect for NativeReflectionTest: an event the outbox would serialise, not registered for reflection. */
public record UnregisteredEvent(UUID orgId) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "fixture.unregistered.v1";
    }

    @Override
    public String subject() {
        return orgId.toString();
    }
}
