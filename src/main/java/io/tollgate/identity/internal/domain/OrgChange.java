package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A validated partial update of an organisation: each field is null when it is to stay as it is. */
public record OrgChange(String name, OrgStatus status) {

    public static OrgChange of(String name, String status) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmedName = name == null ? null : DisplayName.check("name", name, errors);
        OrgStatus newStatus = null;
        if (status != null) {
            try {
                newStatus = OrgStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("status", "must be active or suspended");
            }
        }
        if (name == null && status == null) {
            errors.put("body", "must change name or status");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new OrgChange(trimmedName, newStatus);
    }

    public Org applyTo(Org org) {
        return new Org(org.id(), org.slug(), name != null ? name : org.name(), status != null ? status : org.status(),
                org.createdAt(), org.version() + 1);
    }
}
