package io.tollgate.catalog.internal.domain;

import java.util.Map;
import java.util.regex.Pattern;

/** Field checks shared by the catalog's drafts; each adds a message to {@code errors} under the field's path. */
final class Checks {

    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    private Checks() {
    }

    static String text(Map<String, String> errors, String field, String value, int max, Pattern pattern,
            String patternRule) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            errors.put(field, "is required");
        } else if (trimmed.length() > max) {
            errors.put(field, "must be at most " + max + " characters");
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "must not contain control characters");
        } else if (pattern != null && !pattern.matcher(trimmed).matches()) {
            errors.put(field, patternRule);
        }
        return trimmed;
    }

    static void range(Map<String, String> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.put(field, "must be between " + min + " and " + max);
        }
    }

    /** Header names and values that can be sent as given: no line breaks, no headers the gateway owns. */
    static void headers(Map<String, String> errors, String field, Map<String, String> headers,
            java.util.Set<String> reserved) {
        if (headers == null) {
            return;
        }
        if (headers.size() > 20) {
            errors.put(field, "must have at most 20 headers");
            return;
        }
        headers.forEach((name, value) -> {
            String path = field + "." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.put(path, "is not a valid header name");
            } else if (reserved.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                errors.put(path, "is set by the gateway and cannot be configured");
            } else if (value == null || value.isEmpty() || value.length() > 4096
                    || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.put(path, "must be 1-4096 characters without line breaks");
            }
        });
    }
}
