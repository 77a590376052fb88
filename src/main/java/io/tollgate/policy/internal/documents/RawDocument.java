package io.tollgate.policy.internal.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.policy.internal.domain.Location;
import java.util.Map;

/**
 * One document as written, before validation: its tree, where it starts, and the line of each field by JSON pointer
 * (empty when the source has no lines), so that a schema error can name the line of the field it concerns.
 */
public record RawDocument(ObjectNode tree, Location location, Map<String, Integer> lines) {

    public RawDocument {
        lines = Map.copyOf(lines);
    }

    /** The line of the field at {@code pointer}, or of its nearest enclosing field, or of the document. */
    public Integer lineOf(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return location.line();
    }
}
