package io.tollgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        JsonNode document = tree(yaml);
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
