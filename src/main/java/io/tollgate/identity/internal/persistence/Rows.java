package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.platform.error.TollgateException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small helpers shared by identity's repositories. */
final class Rows {

    private static final String UNIQUE_VIOLATION = "23505";

    private Rows() {
    }

    static <T> T first(RowSet<Row> rows, Function<Row, T> map) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? map.apply(iterator.next()) : null;
    }

    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> items = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> items.add(map.apply(row)));
        return items;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** Turns a unique-key violation into a 409 with {@code message}; other failures pass through. */
    static <T> Uni<T> conflictOnDuplicate(Uni<T> insert, String message) {
        return insert.onFailure(PgException.class).transform(e -> UNIQUE_VIOLATION.equals(((PgException) e).getSqlState())
                ? TollgateException.conflict(message)
                : e);
    }
}
