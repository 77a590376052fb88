package io.tollgate.policy.internal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The fields in which two specs differ, as JSON pointers. Objects are compared member by member; arrays and scalars
 * as a whole, because the kinds render lists in a stable order and a list's meaning is its whole content.
 */
public final class SpecDiff {

    private SpecDiff() {
    }

    /** Every field that differs between {@code from} and {@code to}; empty when they are equal. */
    public static List<FieldChange> between(JsonNode from, JsonNode to) {
        List<FieldChange> changes = new ArrayList<>();
        compare("", from, to, changes);
        return List.copyOf(changes);
    }

    private static void compare(String path, JsonNode from, JsonNode to, List<FieldChange> changes) {
        if (from != null && to != null && from.isObject() && to.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            from.fieldNames().forEachRemaining(names::add);
            to.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path + "/" + escape(name), from.get(name), to.get(name), changes);
            }
        } else if (!same(from, to)) {
            changes.add(new FieldChange(path.isEmpty() ? "/" : path, from, to));
        }
    }

    /** Equal as JSON values: numbers by value whatever their node type (YAML, JSON and the kinds differ there). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || a.isNull() || b == null || b.isNull()) {
            return (a == null || a.isNull()) && (b == null || b.isNull());
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            return between(a, b).isEmpty();
        }
        return a.equals(b);
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
