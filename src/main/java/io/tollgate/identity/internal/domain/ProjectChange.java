package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated change of a project: its display name (the slug, which keys and limits refer to, never changes). */
public record ProjectChange(String name) {

    public static ProjectChange of(String name) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmedName = DisplayName.check("name", name, errors);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new ProjectChange(trimmedName);
    }
}
