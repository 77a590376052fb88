package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated request for an organisation. The slug is its stable, URL-safe handle: lower-case letters,
 * digits and inner hyphens, 2 to 63 characters (a DNS label, so it can name things elsewhere too).
 */
public record NewOrg(String slug, String name) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])");
    static final int MAX_NAME = 200;

    /** Validates every field and reports all problems at once. */
    public static NewOrg of(String slug, String name) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (slug == null || slug.isBlank()) {
            errors.put("slug", "is required");
        } else if (!SLUG.matcher(slug).matches()) {
            errors.put("slug", "must be 2-63 lower-case letters, digits or inner hyphens");
        }
        String trimmedName = name == null ? null : name.strip();
        if (trimmedName == null || trimmedName.isEmpty()) {
            errors.put("name", "is required");
        } else if (trimmedName.length() > MAX_NAME) {
            errors.put("name", "must be at most " + MAX_NAME + " characters");
        } else if (trimmedName.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "must not contain control characters");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new NewOrg(slug, trimmedName);
    }
}
