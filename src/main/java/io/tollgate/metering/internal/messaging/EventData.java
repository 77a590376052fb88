package io.tollgate.metering.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import java.io.IOException;

/** Reads an event's data as the publishing context's record; a body that does not fit fails (and is retried, then dead-lettered). */
final class EventData {

    private EventData() {
    }

    static <T> Uni<T> read(ObjectMapper json, CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("event " + event.getId() + " has no data"));
        }
        try {
            return Uni.createFrom().item(json.readValue(event.getData().toBytes(), type));
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "event " + event.getId() + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e));
        }
    }
}
