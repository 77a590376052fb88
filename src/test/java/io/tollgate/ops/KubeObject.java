package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Kubernetes object of a rendered manifest stream. */
record KubeObject(JsonNode node) {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Parses a multi-document YAML stream; fails on a document that is not a Kubernetes object. */
    static List<KubeObject> parseAll(String yaml) {
        List<KubeObject> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue; // an empty document between two ---
                }
                KubeObject object = new KubeObject(doc);
                object.requireWellFormed();
                objects.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a YAML stream", e);
        }
        return objects;
    }

    private void requireWellFormed() {
        if (!node.path("apiVersion").isTextual() || !node.path("kind").isTextual()) {
            throw new IllegalArgumentException("a document without apiVersion and kind: " + node);
        }
        String name = name();
        if (name.isEmpty() || name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException(kind() + " has no valid metadata.name: '" + name + "'");
        }
        if (node.path("metadata").path("labels").isObject()) {
            node.path("metadata").path("labels").properties().forEach(label -> {
                if (!label.getValue().isTextual()) {
                    throw new IllegalArgumentException(id() + ": label " + label.getKey() + " is not a string");
                }
            });
        }
    }

    String kind() {
        return node.path("kind").asText();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    String id() {
        return kind() + "/" + name();
    }

    JsonNode path(String... names) {
        JsonNode current = node;
        for (String name : names) {
            current = current.path(name);
        }
        return current;
    }

    /** The pod template of a workload (or the pod itself), if this object runs pods. */
    Optional<JsonNode> podTemplate() {
        return switch (kind()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> Optional.of(path("spec", "template"));
            case "CronJob" -> Optional.of(path("spec", "jobTemplate", "spec", "template"));
            case "Pod" -> Optional.of(node);
            default -> Optional.empty();
        };
    }

    /** Labels of a pod template. */
    static Map<String, String> labels(JsonNode podTemplate) {
        var labels = new java.util.TreeMap<String, String>();
        podTemplate.path("metadata").path("labels").properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
