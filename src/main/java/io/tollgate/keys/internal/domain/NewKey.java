package io.tollgate.keys.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A validated request for a key: a name, optionally a project, scopes (default: inference) and an expiry. */
public record NewKey(String name, UUID projectId, Set<Scope> scopes, Instant expiresAt) {

    static final int MAX_NAME = 200;

    public static NewKey of(String name, UUID projectId, List<String> scopes, Instant expiresAt, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = name == null ? null : name.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            errors.put("name", "is required");
        } else if (trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "must be 1-" + MAX_NAME + " characters without control characters");
        }
        Set<Scope> parsed = new LinkedHashSet<>();
        if (scopes == null) {
            parsed.add(Scope.INFERENCE);
        } else if (scopes.isEmpty()) {
            errors.put("scopes", "must name at least one scope");
        } else {
            for (String scope : scopes) {
                Scope.fromApiName(scope).ifPresentOrElse(parsed::add,
                        () -> errors.put("scopes", "must be among inference, management:read, management:write"));
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.put("expiresAt", "must be in the future");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new NewKey(trimmed, projectId, Set.copyOf(parsed), expiresAt);
    }
}
