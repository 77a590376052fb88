package io.tollgate.policy.internal.documents;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schema of each kind, {@code policy/schemas/<Kind>.json} on the classpath: the schema of a whole
 * document (apiVersion, kind, metadata, spec), JSON Schema 2020-12 unless the file says otherwise.
 */
public final class KindSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    /** The kind's schema, or empty when none is published. */
    public Optional<Schema> of(String kind) {
        return schemas.computeIfAbsent(kind, KindSchemas::load);
    }

    /** Where the schema of {@code kind} lives on the classpath. */
    public static String resource(String kind) {
        return "policy/schemas/" + kind + ".json";
    }

    private static Optional<Schema> load(String kind) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource(kind))) {
            return in == null ? Optional.empty() : Optional.of(REGISTRY.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
