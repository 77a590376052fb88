package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated request for an organisation, identified by its slug. */
public record NewOrg(String slug, String name) {

    /** Validates every field and reports all problems at once. */
    public static NewOrg of(String slug, String name) {
        Map<String, String> errors = new LinkedHashMap<>();
        Slug.check("slug", slug, errors);
        String trimmedName = DisplayName.check("name", name, errors);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new NewOrg(slug, trimmedName);
    }
}
