package io.tollgate.gateway.api;

/**
 * What a request costs (or is estimated to cost), in micros (millionths) of {@code currency}, an ISO 4217 code;
 * {@link #UNPRICED} when the deployment has no price.
 */
public record Cost(String currency, long micros) {

    /** The cost of a request to a deployment without a price: nothing is held against a budget. */
    public static final Cost UNPRICED = new Cost(null, 0);

    public Cost {
        micros = Math.max(0, micros);
    }

    public boolean priced() {
        return currency != null;
    }
}
