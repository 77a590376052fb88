package io.tollgate.catalog.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** How the gateway picks among the deployments of one priority tier. */
public enum RoutingStrategy {
    /** At random, in proportion to the deployments' weights. */
    WEIGHTED("weighted"),
    /** The deployment with the fewest requests in flight. */
    LEAST_BUSY("least-busy"),
    /** The deployment with the lowest recent time to first byte. */
    LOWEST_LATENCY("lowest-latency");

    private final String apiName;

    RoutingStrategy(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }

    public static Optional<RoutingStrategy> fromApiName(String name) {
        for (RoutingStrategy strategy : values()) {
            if (strategy.apiName.equals(name)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
