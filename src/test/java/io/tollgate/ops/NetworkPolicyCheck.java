package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Zero trust: every pod template is selected by a default-deny NetworkPolicy (both policy types, no rules), and
 * no policy allows all ingress (a rule without {@code from}).
 */
final class NetworkPolicyCheck implements ManifestCheck {

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<KubeObject> policies = objects.stream().filter(o -> o.kind().equals("NetworkPolicy")).toList();
        List<String> violations = new ArrayList<>();
        for (KubeObject policy : policies) {
            for (JsonNode rule : policy.path("spec", "ingress")) {
                if (rule.path("from").isEmpty()) {
                    violations.add(policy.id() + ": an ingress rule admits every source");
                }
            }
        }
        for (KubeObject object : objects) {
            object.podTemplate().ifPresent(template -> {
                Map<String, String> labels = KubeObject.labels(template);
                boolean denied = policies.stream().anyMatch(p -> isDefaultDeny(p) && selects(p.path("spec", "podSelector"), labels));
                if (!denied) {
                    violations.add(object.id() + ": its pods (" + labels + ") are selected by no default-deny NetworkPolicy");
                }
            });
        }
        return violations;
    }

    static boolean isDefaultDeny(KubeObject policy) {
        Set<String> types = new TreeSet<>();
        policy.path("spec", "policyTypes").forEach(t -> types.add(t.asText()));
        return types.containsAll(Set.of("Ingress", "Egress"))
                && policy.path("spec", "ingress").isEmpty() && policy.path("spec", "egress").isEmpty();
    }

    /** Kubernetes label-selector semantics: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        var matchLabels = selector.path("matchLabels").properties();
        for (var entry : matchLabels) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
