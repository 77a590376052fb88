package io.tollgate.catalog.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A model's price versions, oldest first. The price of a call is the version in effect at the call's time:
 * the deployment's own when it has one in effect, else the model's. Old usage is re-priced exactly by asking
 * for the price at its time.
 */
public record PriceHistory(List<Price> versions) {

    public PriceHistory {
        versions = versions.stream().sorted(Comparator.comparing(Price::effectiveFrom).thenComparing(Price::createdAt))
                .toList();
    }

    /** The price in effect at {@code at} for a call served by {@code deploymentId} (null: the model's price). */
    public Optional<Price> priceAt(Instant at, UUID deploymentId) {
        Optional<Price> own = deploymentId == null ? Optional.empty() : latestOf(at, deploymentId);
        return own.isPresent() ? own : latestOf(at, null);
    }

    /** True when some deployment has no price in effect at {@code at}: its usage could not be costed. */
    public boolean unpricedAt(Instant at, Collection<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return priceAt(at, null).isEmpty();
        }
        return deploymentIds.stream().anyMatch(id -> priceAt(at, id).isEmpty());
    }

    /**
     * What a call served by {@code deploymentId} costs from {@code at} on: the version in effect at {@code at}
     * (if any), then each version that replaces it later, in order. The gateway carries this schedule so that a
     * price added for a future date applies from that date without another projection.
     */
    public List<Price> scheduleFrom(Instant at, UUID deploymentId) {
        List<Price> schedule = new ArrayList<>();
        priceAt(at, deploymentId).ifPresent(schedule::add);
        versions.stream().map(Price::effectiveFrom).filter(from -> from.isAfter(at)).distinct()
                .forEach(from -> priceAt(from, deploymentId)
                        .filter(price -> schedule.isEmpty() || !schedule.getLast().id().equals(price.id()))
                        .ifPresent(schedule::add));
        return schedule;
    }

    /** Refuses a version that would not come after every existing version of the same scope. */
    public void requireAppendable(PriceDraft draft) {
        versions.stream().filter(p -> Objects.equals(p.deploymentId(), draft.deploymentId()))
                .map(Price::effectiveFrom).max(Comparator.naturalOrder())
                .filter(latest -> !draft.effectiveFrom().isAfter(latest))
                .ifPresent(latest -> {
                    throw TollgateException.conflict("A price of this scope is already effective from " + latest
                            + "; a new version must start later");
                });
    }

    private Optional<Price> latestOf(Instant at, UUID deploymentId) {
        Price found = null;
        for (Price price : versions) {
            if (Objects.equals(price.deploymentId(), deploymentId) && !price.effectiveFrom().isAfter(at)) {
                found = price;
            }
        }
        return Optional.ofNullable(found);
    }
}
