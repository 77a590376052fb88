package io.tollgate.catalog.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/**
 * A provider was created, updated or deleted ({@code change}); {@code orgId} is null for platform-wide
 * providers. Carries no credential, not even its last characters.
 */
@RegisterForReflection
public record ProviderChanged(UUID providerId, UUID orgId, String name, ProviderType type, String change, long revision)
        implements IntegrationEvent {

    public static final String TYPE = "catalog.provider-changed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return providerId.toString();
    }
}
