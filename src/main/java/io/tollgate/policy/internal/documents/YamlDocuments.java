package io.tollgate.policy.internal.documents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.policy.internal.domain.DocumentError;
import io.tollgate.policy.internal.domain.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a YAML file into its documents ({@code ---}), building each tree while it remembers the line of every
 * field. Decimals are kept exact (prices), a key repeated within one mapping is an error, and empty documents are
 * skipped. The first syntax error ends the file: what follows it cannot be read reliably.
 */
public final class YamlDocuments {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The documents of a file, and the errors that kept any of them from being read. */
    public record Parsed(List<RawDocument> documents, List<DocumentError> errors) {
    }

    private YamlDocuments() {
    }

    public static Parsed parse(SourceFile file) {
        List<RawDocument> documents = new ArrayList<>();
        List<DocumentError> errors = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(file.text())) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                Map<String, Integer> lines = new HashMap<>();
                JsonNode tree = read(parser, "", lines);
                if (tree.isObject()) {
                    documents.add(new RawDocument((ObjectNode) tree, new Location(file.path(), line), lines));
                } else if (!tree.isNull()) {
                    errors.add(new DocumentError(file.path(), line, null, null,
                            "a document must be a mapping with apiVersion, kind, metadata and spec"));
                }
            }
        } catch (DuplicateKey e) {
            errors.add(new DocumentError(file.path(), e.line, null, null, e.getMessage()));
        } catch (JsonProcessingException e) {
            errors.add(new DocumentError(file.path(), lineOf(e), null, null, "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(documents, errors);
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser, path, lines);
            case START_ARRAY -> readArray(parser, path, lines);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    private static ObjectNode readObject(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            if (object.has(name)) {
                throw new DuplicateKey(line, "key '" + name + "' appears twice in the same mapping");
            }
            String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
            lines.put(child, line);
            parser.nextToken();
            object.set(name, read(parser, child, lines));
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, path + "/" + array.size(), lines));
        }
        return array;
    }

    private static Integer lineOf(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? null : e.getLocation().getLineNr();
    }

    private static final class DuplicateKey extends IOException {
        private final int line;

        DuplicateKey(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
