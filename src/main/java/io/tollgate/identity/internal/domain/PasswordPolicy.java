package io.tollgate.identity.internal.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Password rules. bcrypt reads only the first 72 bytes of a password, so a longer one is rejected rather than
 * silently truncated (ADR 0008): two passwords sharing their first 72 bytes would otherwise be the same.
 */
public final class PasswordPolicy {

    public static final int MIN_CHARACTERS = 12;
    public static final int MAX_UTF8_BYTES = 72;

    private PasswordPolicy() {
    }

    static void check(String field, String password, String email, Map<String, String> errors) {
        if (password == null || password.isEmpty()) {
            errors.put(field, "is required");
        } else if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            errors.put(field, "must be at least " + MIN_CHARACTERS + " characters");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            errors.put(field, "must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8 (the bcrypt limit)");
        } else if (password.chars().distinct().count() < 4) {
            errors.put(field, "must use at least 4 different characters");
        } else if (email != null && containsMailbox(password, email)) {
            errors.put(field, "must not contain your e-mail name");
        }
    }

    private static boolean containsMailbox(String password, String email) {
        int at = email.indexOf('@');
        String mailbox = (at > 0 ? email.substring(0, at) : email).toLowerCase(Locale.ROOT);
        return mailbox.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(mailbox);
    }
}
