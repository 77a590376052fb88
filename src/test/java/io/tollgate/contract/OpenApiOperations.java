package io.tollgate.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The operations of OpenAPI documents ("METHOD path" → documented statuses) and their differences. */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiOperations() {
    }

    static Map<String, Set<String>> of(JsonNode... documents) {
        Map<String, Set<String>> operations = new TreeMap<>();
        for (JsonNode document : documents) {
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                if (METHODS.contains(operation.getKey())) {
                    Set<String> statuses = new TreeSet<>();
                    operation.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), statuses);
                }
            }));
        }
        return operations;
    }

    /** Every difference, each as a sentence; empty when the two agree. */
    static List<String> differences(Map<String, Set<String>> documented, Map<String, Set<String>> served) {
        List<String> differences = new ArrayList<>();
        documented.forEach((operation, statuses) -> {
            if (!served.containsKey(operation)) {
                differences.add(operation + " is documented but not served");
            } else if (!statuses.equals(served.get(operation))) {
                differences.add(operation + " documents statuses " + new TreeSet<>(statuses) + " but serves "
                        + new TreeSet<>(served.get(operation)));
            }
        });
        served.keySet().stream().filter(operation -> !documented.containsKey(operation))
                .forEach(operation -> differences.add(operation + " is served but not documented"));
        return differences;
    }
}
