package io.tollgate.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.tollgate.platform.web.Actor;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope of every message on {@code tollgate.events}, in structured JSON mode
 * ({@code application/cloudevents+json}), written and read with the CloudEvents Java SDK.
 */
public final class CloudEvents {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String TYPE_PREFIX = "io.tollgate.";
    public static final String ORG_EXTENSION = "orgid";
    /** Who caused the event, the request and the caller's address: extensions read by the audit trail. */
    public static final String ACTOR_EXTENSION = "actor";
    public static final String REQUEST_EXTENSION = "requestid";
    public static final String SOURCE_IP_EXTENSION = "sourceip";

    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEvents() {
    }

    public static CloudEvent build(UUID id, String context, String routingKey, String subject, UUID orgId,
            OffsetDateTime time, byte[] jsonData) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/tollgate/" + context))
                .withType(TYPE_PREFIX + routingKey)
                .withSubject(subject)
                .withTime(time)
                .withDataContentType("application/json")
                .withData(jsonData);
        if (orgId != null) {
            builder.withExtension(ORG_EXTENSION, orgId.toString());
        }
        return builder.build();
    }

    /** {@code event} with the actor extensions set from {@code actor}'s non-null parts. */
    public static CloudEvent withActor(CloudEvent event, Actor actor) {
        if (actor == null) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.v1(event);
        if (actor.principal() != null) {
            builder.withExtension(ACTOR_EXTENSION, actor.principal());
        }
        if (actor.requestId() != null) {
            builder.withExtension(REQUEST_EXTENSION, actor.requestId());
        }
        if (actor.sourceIp() != null) {
            builder.withExtension(SOURCE_IP_EXTENSION, actor.sourceIp());
        }
        return builder.build();
    }

    /** The routing key of an event: its type without the {@code io.tollgate.} prefix. */
    public static String routingKey(CloudEvent event) {
        return event.getType().startsWith(TYPE_PREFIX) ? event.getType().substring(TYPE_PREFIX.length()) : event.getType();
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** Parses a structured-mode message; throws {@link io.cloudevents.rw.CloudEventRWException} if it is not one. */
    public static CloudEvent deserialize(byte[] body) {
        return FORMAT.deserialize(body);
    }
}
