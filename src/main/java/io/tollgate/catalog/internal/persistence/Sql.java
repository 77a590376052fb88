package io.tollgate.catalog.internal.persistence;

import io.tollgate.platform.error.TollgateException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Conversions between catalog values and the reactive client's column types. */
final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static JsonObject json(Map<String, String> map) {
        return new JsonObject(new java.util.LinkedHashMap<>(map));
    }

    static Map<String, String> stringMap(Row row, String column) {
        Map<String, String> map = new TreeMap<>();
        JsonObject json = row.getJsonObject(column);
        if (json != null) {
            json.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return map;
    }

    static Buffer bytes(byte[] value) {
        return value == null ? null : Buffer.buffer(value);
    }

    static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    /** Turns a unique violation into 409 with {@code detail}; other failures pass unchanged. */
    static Function<Throwable, Throwable> uniqueAsConflict(String detail) {
        return failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                ? TollgateException.conflict(detail)
                : failure;
    }
}
