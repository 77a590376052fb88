package io.tollgate.keys.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of the keys context. None carries a secret or a secret's hash. */
public final class KeyEvents {

    private KeyEvents() {
    }

    @RegisterForReflection
    public record KeyIssued(UUID orgId, UUID keyId, UUID projectId, String name, List<String> scopes, Instant expiresAt)
            implements IntegrationEvent {
        public String eventType() {
            return "keys.key-issued.v1";
        }

        public String subject() {
            return keyId.toString();
        }
    }

    /** A key got a new secret; the previous one works until {@code previousSecretExpiresAt}. */
    @RegisterForReflection
    public record KeyRotated(UUID orgId, UUID keyId, Instant previousSecretExpiresAt) implements IntegrationEvent {
        public String eventType() {
            return "keys.key-rotated.v1";
        }

        public String subject() {
            return keyId.toString();
        }
    }

    @RegisterForReflection
    public record KeyRevoked(UUID orgId, UUID keyId, String reason) implements IntegrationEvent {
        public String eventType() {
            return "keys.key-revoked.v1";
        }

        public String subject() {
            return keyId.toString();
        }
    }
}
