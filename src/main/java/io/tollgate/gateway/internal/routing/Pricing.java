package io.tollgate.gateway.internal.routing;

import io.tollgate.catalog.api.DeploymentPrice;
import io.tollgate.gateway.api.Cost;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import java.time.Instant;
import java.util.List;

/**
 * What a request costs by the prices in the routing snapshot, for the quota's budgets: an estimate before the
 * deployment is known, and the actual cost of the deployment that answered. Long arithmetic, no allocation
 * besides the result.
 */
public final class Pricing {

    private Pricing() {
    }

    /**
     * The most that {@code promptTokens} and {@code outputTokens} may cost on any candidate priced in the first
     * priced candidate's currency (a retry or fallback may land on any of them), or {@link Cost#UNPRICED}.
     */
    public static Cost estimate(List<Candidate> plan, Instant at, long promptTokens, long outputTokens) {
        String currency = null;
        long most = 0;
        for (Candidate candidate : plan) {
            DeploymentPrice price = candidate.deployment().priceAt(at);
            if (price == null || currency != null && !currency.equals(price.currency())) {
                continue;
            }
            currency = price.currency();
            most = Math.max(most, price.costMicros(promptTokens, 0, outputTokens));
        }
        return currency == null ? Cost.UNPRICED : new Cost(currency, most);
    }

    /** What {@code tokens} cost on the deployment that answered, or {@link Cost#UNPRICED}. */
    public static Cost actual(Candidate answering, Instant at, Tokens tokens) {
        DeploymentPrice price = answering == null ? null : answering.deployment().priceAt(at);
        return price == null ? Cost.UNPRICED
                : new Cost(price.currency(), price.costMicros(tokens.prompt(), tokens.cachedPrompt(), tokens.completion()));
    }
}
