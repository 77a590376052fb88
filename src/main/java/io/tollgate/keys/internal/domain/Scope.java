package io.tollgate.keys.internal.domain;

import java.util.Optional;

/** What a key may be used for. */
public enum Scope {
    /** The {@code /v1} API. */
    INFERENCE("inference"),
    /** The management API, read-only, within the key's organisation. */
    MANAGEMENT_READ("management:read"),
    /** The management API within the key's organisation, bounded by its creator's role. */
    MANAGEMENT_WRITE("management:write");

    private final String apiName;

    Scope(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<Scope> fromApiName(String name) {
        for (Scope scope : values()) {
            if (scope.apiName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
