package io.tollgate.identity.internal.domain;

import java.util.Map;
import java.util.regex.Pattern;

/** Slugs: stable, URL-safe handles with the rules of a DNS label (2 to 63 lower-case letters, digits, inner hyphens). */
final class Slug {

    private static final Pattern RULE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])");

    private Slug() {
    }

    static void check(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required");
        } else if (!RULE.matcher(value).matches()) {
            errors.put(field, "must be 2-63 lower-case letters, digits or inner hyphens");
        }
    }
}
