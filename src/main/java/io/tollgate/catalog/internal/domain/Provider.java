package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.ProviderType;
import io.tollgate.catalog.api.Timeouts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An upstream the gateway calls: platform-wide ({@code orgId} null, managed by the superadmin) or private to
 * one organisation. {@code credential} is null when the provider needs none; {@code version} is the ETag.
 */
public record Provider(UUID id, UUID orgId, String name, ProviderType type, String baseUrl, String apiVersion,
        Map<String, String> extraHeaders, Timeouts timeouts, Integer maxConcurrent, StoredCredential credential,
        int version, Instant createdAt, Instant updatedAt) {
}
