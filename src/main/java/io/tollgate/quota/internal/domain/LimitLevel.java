package io.tollgate.quota.internal.domain;

import java.util.Locale;

/** Where a limit applies; a request counts against its organisation, its project (if any) and its key. */
public enum LimitLevel {
    ORG, PROJECT, KEY;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LimitLevel fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
