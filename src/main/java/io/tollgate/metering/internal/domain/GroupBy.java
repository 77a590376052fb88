package io.tollgate.metering.internal.domain;

import java.util.Arrays;
import java.util.Optional;

/** How the usage API splits its totals. */
public enum GroupBy {
    MODEL, KEY, PROJECT, HOUR, DAY;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<GroupBy> parse(String value) {
        return Arrays.stream(values()).filter(g -> g.apiName().equals(value)).findFirst();
    }
}
