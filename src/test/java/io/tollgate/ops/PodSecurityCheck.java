package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every pod runs as non-root with the RuntimeDefault seccomp profile, and every container (init containers too)
 * forbids privilege escalation, is not privileged, drops ALL capabilities and has a read-only root filesystem.
 * A container setting may come from the pod's security context where Kubernetes inherits it (runAsNonRoot,
 * seccompProfile).
 */
final class PodSecurityCheck implements ManifestCheck {

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<String> violations = new ArrayList<>();
        for (KubeObject object : objects) {
            object.podTemplate().ifPresent(template -> check(object.id(), template.path("spec"), violations));
        }
        return violations;
    }

    private static void check(String owner, JsonNode pod, List<String> violations) {
        JsonNode podContext = pod.path("securityContext");
        if (pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean() || pod.path("hostIPC").asBoolean()) {
            violations.add(owner + ": shares a host namespace");
        }
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        if (containers.isEmpty()) {
            violations.add(owner + ": has no containers");
        }
        for (JsonNode container : containers) {
            String where = owner + " container " + container.path("name").asText();
            JsonNode sc = container.path("securityContext");
            if (!inherited(sc, podContext, "runAsNonRoot").asBoolean(false)) {
                violations.add(where + ": runAsNonRoot is not true");
            }
            JsonNode user = inherited(sc, podContext, "runAsUser");
            if (user.isNumber() && user.asLong() == 0) {
                violations.add(where + ": runs as user 0");
            }
            if (!"RuntimeDefault".equals(inherited(sc, podContext, "seccompProfile").path("type").asText())) {
                violations.add(where + ": seccompProfile is not RuntimeDefault");
            }
            if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
                violations.add(where + ": allowPrivilegeEscalation is not false");
            }
            if (sc.path("privileged").asBoolean(false)) {
                violations.add(where + ": is privileged");
            }
            if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                violations.add(where + ": readOnlyRootFilesystem is not true");
            }
            boolean dropsAll = false;
            for (JsonNode dropped : sc.path("capabilities").path("drop")) {
                dropsAll |= "ALL".equals(dropped.asText());
            }
            if (!dropsAll) {
                violations.add(where + ": does not drop ALL capabilities");
            }
            if (!sc.path("capabilities").path("add").isEmpty()) {
                violations.add(where + ": adds capabilities " + sc.path("capabilities").path("add"));
            }
        }
    }

    private static JsonNode inherited(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }
}
