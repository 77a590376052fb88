package io.tollgate.catalog.internal.domain;

import java.time.Instant;

/** A model with its price history, as the API shows it. */
public record PricedModel(Model model, PriceHistory prices) {

    /** True when a deployment of the model has no price in effect at {@code at}: never silently free. */
    public boolean unpricedAt(Instant at) {
        return prices.unpricedAt(at, model.deployments().stream().map(Deployment::id).toList());
    }
}
