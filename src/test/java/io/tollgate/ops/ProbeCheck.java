package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every container of a Deployment has a liveness probe on /health and a readiness probe on /ready, both on a
 * port the container declares.
 */
final class ProbeCheck implements ManifestCheck {

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<String> violations = new ArrayList<>();
        for (KubeObject object : objects) {
            if (!object.kind().equals("Deployment")) {
                continue;
            }
            for (JsonNode container : object.path("spec", "template", "spec", "containers")) {
                String where = object.id() + " container " + container.path("name").asText();
                probe(where, "livenessProbe", "/health", container, violations);
                probe(where, "readinessProbe", "/ready", container, violations);
            }
        }
        return violations;
    }

    private static void probe(String where, String kind, String path, JsonNode container, List<String> violations) {
        JsonNode get = container.path(kind).path("httpGet");
        if (!path.equals(get.path("path").asText())) {
            violations.add(where + ": " + kind + " is not an HTTP GET of " + path);
            return;
        }
        JsonNode port = get.path("port");
        boolean declared = false;
        for (JsonNode p : container.path("ports")) {
            declared |= port.isNumber() ? p.path("containerPort").asInt() == port.asInt()
                    : p.path("name").asText().equals(port.asText());
        }
        if (!declared) {
            violations.add(where + ": " + kind + " targets port " + port + ", which the container does not declare");
        }
    }
}
