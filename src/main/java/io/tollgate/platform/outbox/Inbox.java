package io.tollgate.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumer side of exactly-once effects: a row {@code (consumer, event_id)} in the consuming context's
 * {@code inbox} table, inserted in the same transaction as the effect. A redelivered event finds its row and
 * is skipped.
 */
@ApplicationScoped
public class Inbox {

    /** Emits true when this is the event's first delivery to {@code consumer}, false for a duplicate. */
    public Uni<Boolean> claim(SqlClient transaction, String consumer, String eventId) {
        return transaction
                .preparedQuery("INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(consumer, eventId))
                .map(result -> result.rowCount() == 1);
    }
}
