package io.tollgate.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.IntegrationEvent;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an event into the calling context's {@code outbox} table, inside the caller's transaction, so that
 * the event exists if and only if the change it describes was committed. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Appends {@code event}, recording {@code actor} as who caused it (CloudEvents extensions, for the audit trail). */
    public Uni<Void> append(SqlClient transaction, IntegrationEvent event, Actor actor) {
        String data;
        String metadata;
        try {
            data = json.writeValueAsString(event);
            metadata = json.writeValueAsString(actor);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Event is not serialisable: " + event, e));
        }
        return transaction.preparedQuery("""
                INSERT INTO outbox (id, routing_key, subject, org_id, data, metadata)
                VALUES ($1, $2, $3, $4, CAST($5::text AS jsonb), CAST($6::text AS jsonb))""")
                .execute(Tuple.of(Ids.newId(), event.eventType(), event.subject(), event.orgId(), data, metadata))
                .replaceWithVoid();
    }
}
