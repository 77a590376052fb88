package io.tollgate.catalog.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** A model (with its deployments) was created, updated or deleted ({@code change}). */
@RegisterForReflection
public record ModelChanged(UUID modelId, UUID orgId, String name, String change, long revision)
        implements IntegrationEvent {

    public static final String TYPE = "catalog.model-changed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return modelId.toString();
    }
}
