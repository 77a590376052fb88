package io.tollgate.identity.internal.domain;

import java.util.Map;

/** Human-readable names: trimmed, 1 to 200 characters, no control characters. */
final class DisplayName {

    static final int MAX = 200;

    private DisplayName() {
    }

    /** The trimmed name, or null after recording why it is unacceptable. */
    static String check(String field, String value, Map<String, String> errors) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            errors.put(field, "is required");
        } else if (trimmed.length() > MAX) {
            errors.put(field, "must be at most " + MAX + " characters");
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "must not contain control characters");
        } else {
            return trimmed;
        }
        return null;
    }
}
