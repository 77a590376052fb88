package io.tollgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Policy documents written as in Git, in YAML, so that specs carry the node types a YAML parser produces. */
final class Documents {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Documents() {
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object a document declares. */
    static PolicyObject object(String yaml) {
        return object(tree(yaml));
    }

    /** Every document of every YAML file below {@code root}, in path order. */
    static List<JsonNode> under(Path root) {
        return under(root, UnaryOperator.identity());
    }

    /** Every document below {@code root}, each file's text changed by {@code rewrite} before it is parsed. */
    static List<JsonNode> under(Path root, UnaryOperator<String> rewrite) {
        try (Stream<Path> files = Files.walk(root)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> each = YAML.readerFor(JsonNode.class)
                        .readValues(rewrite.apply(Files.readString(file)))) {
                    documents.addAll(each.readAll());
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object a parsed document declares. */
    static PolicyObject object(JsonNode document) {
        JsonNode metadata = document.path("metadata");
        return new PolicyObject(new ObjectRef(document.path("kind").asText(),
                metadata.hasNonNull("namespace") ? metadata.get("namespace").asText() : null,
                metadata.path("name").asText()), (ObjectNode) document.get("spec"));
    }

    /** A spec alone, in YAML. */
    static ObjectNode spec(String yaml) {
        return (ObjectNode) tree(yaml);
    }
}
