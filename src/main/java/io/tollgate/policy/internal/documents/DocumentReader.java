package io.tollgate.policy.internal.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.internal.domain.Declared;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.SetRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns documents into declared objects, or into the complete list of what is wrong with them: the envelope
 * ({@code apiVersion}, a known {@code kind}), the kind's JSON Schema, then the checks on the set as a whole. The caller
 * applies nothing unless the list of errors is empty.
 */
public final class DocumentReader {

    public static final String API_VERSION = "tollgate.io/v1";

    /** The declared objects, in document order, and every error found. */
    public record Reading(List<Declared> declared, List<DocumentError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Map<String, PolicyKind> kinds;
    private final KindSchemas schemas;

    public DocumentReader(Map<String, PolicyKind> kinds, KindSchemas schemas) {
        this.kinds = Map.copyOf(kinds);
        this.schemas = schemas;
    }

    /** Reads YAML files. */
    public Reading readFiles(List<SourceFile> files) {
        List<RawDocument> documents = new ArrayList<>();
        List<DocumentError> errors = new ArrayList<>();
        for (SourceFile file : files) {
            YamlDocuments.Parsed parsed = YamlDocuments.parse(file);
            documents.addAll(parsed.documents());
            errors.addAll(parsed.errors());
        }
        return read(documents, errors);
    }

    /** Reads documents already parsed; {@code earlier} are errors found while parsing them. */
    public Reading read(List<RawDocument> documents, List<DocumentError> earlier) {
        List<DocumentError> errors = new ArrayList<>(earlier);
        List<Declared> declared = new ArrayList<>();
        for (RawDocument document : documents) {
            declare(document, errors).ifPresent(declared::add);
        }
        errors.addAll(SetRules.checkNames(declared, kind -> kinds.get(kind).traits().scope()));
        return new Reading(List.copyOf(declared), List.copyOf(errors));
    }

    private Optional<Declared> declare(RawDocument document, List<DocumentError> errors) {
        ObjectNode tree = document.tree();
        String kindName = tree.path("kind").asText(null);
        String name = tree.path("metadata").path("name").asText(null);
        if (!API_VERSION.equals(tree.path("apiVersion").asText(null))) {
            errors.add(error(document, "/apiVersion", kindName, name, "apiVersion must be " + API_VERSION));
            return Optional.empty();
        }
        PolicyKind kind = kindName == null ? null : kinds.get(kindName);
        if (kind == null) {
            errors.add(error(document, "/kind", kindName, name,
                    "unknown kind '" + kindName + "'; known kinds: " + String.join(", ", new TreeSet<>(kinds.keySet()))));
            return Optional.empty();
        }
        Optional<Schema> schema = schemas.of(kindName);
        if (schema.isEmpty()) {
            errors.add(error(document, "/kind", kindName, name, "no schema is published for kind " + kindName));
            return Optional.empty();
        }
        List<Error> violations = schema.get().validate(tree);
        if (!violations.isEmpty()) {
            for (Error violation : violations) {
                String pointer = pointer(violation.getInstanceLocation());
                errors.add(error(document, pointer, kindName, name,
                        (pointer.isEmpty() ? "" : pointer + ": ") + violation.getMessage()));
            }
            return Optional.empty();
        }
        if (name == null) {
            errors.add(error(document, "/metadata", kindName, null, "metadata.name is required"));
            return Optional.empty();
        }
        JsonNode namespace = tree.path("metadata").path("namespace");
        ObjectRef ref = new ObjectRef(kindName, namespace.isTextual() ? namespace.asText() : null, name);
        JsonNode spec = tree.path("spec");
        ObjectNode declaredSpec = spec.isObject() ? (ObjectNode) spec.deepCopy() : JsonNodeFactory.instance.objectNode();
        try {
            return Optional.of(new Declared(new PolicyObject(ref, kind.normalise(declaredSpec)), document.location()));
        } catch (TollgateException e) {
            errors.add(error(document, "/spec", kindName, name, e.fieldErrors().isEmpty() ? e.getMessage()
                    : e.getMessage() + ": " + e.fieldErrors()));
            return Optional.empty();
        }
    }

    private static DocumentError error(RawDocument document, String pointer, String kind, String name, String reason) {
        return new DocumentError(document.location().file(), document.lineOf(pointer), kind, name, reason);
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
