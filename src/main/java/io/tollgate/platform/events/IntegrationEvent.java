package io.tollgate.platform.events;

import java.util.UUID;

/**
 * An event one context publishes for others: an immutable record in the publishing context's {@code api}
 * package. Its {@link #eventType()} is the RabbitMQ routing key, {@code <context>.<event>.v<N>}; the CloudEvents
 * {@code type} is that key under {@code io.tollgate.}. Implementations carry {@code @RegisterForReflection}: the
 * outbox serialises them with Jackson, which a native image allows only for registered classes.
 */
public interface IntegrationEvent {

    /** The routing key, e.g. {@code identity.org-created.v1}. */
    String eventType();

    /** What the event is about (CloudEvents {@code subject}), e.g. the org's id. */
    String subject();

    /** The organisation it concerns, or null for platform-wide events (CloudEvents extension {@code orgid}). */
    UUID orgId();
}
