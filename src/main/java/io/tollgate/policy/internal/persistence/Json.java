package io.tollgate.policy.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.FieldChange;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Jackson for the jsonb columns (written as text and cast), and the row ↔ value conversions every table shares. The
 * domain records it (de)serialises are registered here for a native image: the domain imports no framework.
 */
@ApplicationScoped
@RegisterForReflection(targets = {DocumentError.class, FieldChange.class})
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode object(String text) {
        return read(text, new TypeReference<ObjectNode>() {
        });
    }

    static ObjectRef ref(Row row) {
        return new ObjectRef(row.getString("kind"), row.getString("namespace"), row.getString("name"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
