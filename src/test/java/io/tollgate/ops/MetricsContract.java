package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metrics the dashboards and alerts use against the metrics Tollgate exposes (docs/adr/0014-ops-metrics-contract.md).
 * A used metric must be exposed by the app, or be an {@link #EXTERNAL} metric of another exporter, or a
 * {@link #PLANNED} Tollgate metric, which in turn must not be exposed yet (so this list is pruned when it lands).
 */
final class MetricsContract {

    /**
     * Tollgate metrics a feature issue will add, which the dashboards and alerts already use: none left today.
     * Add an entry when a dashboard needs a metric before its code lands.
     */
    static final Map<String, String> PLANNED = new TreeMap<>();

    /** Metrics of other exporters, which Tollgate's /metrics never contains. */
    static final Map<String, String> EXTERNAL = new TreeMap<>(Map.of(
            "up", "Prometheus itself (scrape health of each target)",
            "kube_pod_status_ready", "kube-state-metrics",
            "rabbitmq_queue_messages_ready", "RabbitMQ exporter (kbudde/rabbitmq_exporter on Amazon MQ, or the rabbitmq_prometheus plugin's per-object metrics)"));

    private static final List<String> SUFFIXES = List.of("", "_bucket", "_count", "_sum", "_total", "_max", "_created");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsContract() {
    }

    /** Sample names of a Prometheus text exposition. */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** Every PromQL expression of the rendered chart: alert rules and dashboard panels, keyed by where they are. */
    static Map<String, String> expressions(List<KubeObject> objects) {
        Map<String, String> expressions = new TreeMap<>();
        for (KubeObject object : objects) {
            if (object.kind().equals("PrometheusRule")) {
                for (JsonNode group : object.path("spec", "groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                        expressions.put("alert " + name, rule.path("expr").asText());
                    }
                }
            } else if (object.kind().equals("ConfigMap") && object.name().contains("-dashboard-")) {
                object.path("data").properties().forEach(file -> {
                    try {
                        panels(file.getKey(), JSON.readTree(file.getValue().asText()).path("panels"), expressions);
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException(file.getKey() + " is not JSON", e);
                    }
                });
            }
        }
        return expressions;
    }

    private static void panels(String dashboard, JsonNode panels, Map<String, String> expressions) {
        for (JsonNode panel : panels) {
            panels(dashboard, panel.path("panels"), expressions); // panels inside rows
            for (JsonNode target : panel.path("targets")) {
                expressions.put(dashboard + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
    }

    /** The planned metric a used name belongs to, if any. */
    static java.util.Optional<String> plannedBase(String used, Set<String> planned) {
        return planned.stream().filter(p -> SUFFIXES.stream().anyMatch(s -> used.equals(p + s))).findFirst();
    }

    /** Violations of the contract for these expressions and this exposition. */
    static List<String> violations(Map<String, String> expressions, Set<String> exposed) {
        return violations(expressions, exposed, PLANNED.keySet());
    }

    /** Violations of the contract for these expressions and this exposition, with this list of planned metrics. */
    static List<String> violations(Map<String, String> expressions, Set<String> exposed, Set<String> plannedNames) {
        List<String> violations = new ArrayList<>();
        Set<String> usedPlanned = new TreeSet<>();
        Set<String> usedExternal = new TreeSet<>();
        expressions.forEach((where, expr) -> {
            if (expr.isBlank()) {
                violations.add(where + ": empty expression");
            }
            for (String name : PromQl.metricNames(expr)) {
                if (EXTERNAL.containsKey(name)) {
                    usedExternal.add(name);
                } else if (plannedBase(name, plannedNames).isPresent()) {
                    usedPlanned.add(plannedBase(name, plannedNames).get());
                } else if (!exposed.contains(name)) {
                    violations.add(where + ": " + name + " is not in /metrics (nor planned, nor external)");
                }
            }
        });
        for (String planned : plannedNames) {
            for (String suffix : SUFFIXES) {
                if (exposed.contains(planned + suffix)) {
                    violations.add(planned + " is exposed now: remove it from MetricsContract.PLANNED and the ADR");
                }
            }
            if (!usedPlanned.contains(planned)) {
                violations.add(planned + " is listed as planned but used by no dashboard or alert");
            }
        }
        EXTERNAL.keySet().stream().filter(e -> !usedExternal.contains(e))
                .forEach(e -> violations.add(e + " is listed as external but used by no dashboard or alert"));
        return violations;
    }
}
