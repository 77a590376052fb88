package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated request for a project inside an organisation; its slug is unique within the organisation. */
public record NewProject(String slug, String name) {

    public static NewProject of(String slug, String name) {
        Map<String, String> errors = new LinkedHashMap<>();
        Slug.check("slug", slug, errors);
        String trimmedName = DisplayName.check("name", name, errors);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new NewProject(slug, trimmedName);
    }
}
