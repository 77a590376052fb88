package io.tollgate.identity.internal.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * E-mail addresses: kept as given for display, compared case-insensitively through their normalised form
 * (trimmed, lower case), which is what the unique index holds.
 */
public final class EmailAddress {

    static final int MAX = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private EmailAddress() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static String check(String field, String value, Map<String, String> errors) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            errors.put(field, "is required");
        } else if (trimmed.length() > MAX || !SHAPE.matcher(trimmed).matches()) {
            errors.put(field, "must be an e-mail address");
        } else {
            return trimmed;
        }
        return null;
    }
}
