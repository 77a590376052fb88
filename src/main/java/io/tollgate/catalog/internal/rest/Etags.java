package io.tollgate.catalog.internal.rest;

import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;

/**
 * ETags of versioned catalog objects ({@code "<version>"}) and the version an {@code If-Match} asks for. A
 * missing {@code If-Match} (or {@code *}) means "whatever is stored": last write wins; one that names no
 * version of ours cannot match and answers 412.
 */
final class Etags {

    private Etags() {
    }

    static String of(int version) {
        return "\"" + version + "\"";
    }

    /** The requested version, or null when any version will do. */
    static Integer ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Integer.valueOf(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException e) {
                // falls through: not one of our tags
            }
        }
        throw new TollgateException(ErrorKind.PRECONDITION_FAILED, "If-Match names no version of this object");
    }
}
