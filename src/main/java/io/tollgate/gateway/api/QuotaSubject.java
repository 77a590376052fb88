package io.tollgate.gateway.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Who a request counts against: its organisation, its key's project (null when the key has none), its key and
 * the model alias the client asked for.
 */
public record QuotaSubject(UUID orgId, UUID projectId, UUID keyId, String model) {

    public QuotaSubject {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(model, "model");
    }
}
