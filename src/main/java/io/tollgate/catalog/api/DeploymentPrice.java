package io.tollgate.catalog.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A deployment's price from {@code effectiveFrom}, as the gateway reserves budgets with it: per million tokens
 * of input, output and cached input, in micros (millionths) of {@code currency}, rounded up from the catalog's
 * exact price so that a reservation never falls short. Metering's exact cost replaces the gateway's spend
 * (docs/quotas.md), so the rounding (under one micro per million tokens) never reaches a bill.
 */
public record DeploymentPrice(Instant effectiveFrom, String currency, long inputMicrosPer1M, long outputMicrosPer1M,
        long cachedInputMicrosPer1M) {

    /**
     * Costs saturate here: 10⁹ in micros, above any budget (budgets stay below 10⁹), so that an absurd token
     * count cannot overflow, and exact in the Redis script's doubles.
     */
    public static final long MAX_COST_MICROS = 1_000_000_000_000_000L;
    private static final long TOKENS_PER_PRICE = 1_000_000L;

    /** A catalog price (per million tokens; cached input null when it is charged as input) in micros, rounded up. */
    public static DeploymentPrice of(Instant effectiveFrom, String currency, BigDecimal input, BigDecimal output,
            BigDecimal cachedInput) {
        return new DeploymentPrice(effectiveFrom, currency, micros(input), micros(output),
                micros(cachedInput == null ? input : cachedInput));
    }

    /**
     * The cost in micros of {@code prompt} input tokens, of which {@code cachedPrompt} were read from the
     * provider's cache, and {@code completion} output tokens: rounded up, and at most {@link #MAX_COST_MICROS}.
     * Plain long arithmetic: it runs on the gateway's hot path twice per request.
     */
    public long costMicros(long prompt, long cachedPrompt, long completion) {
        long cached = Math.clamp(cachedPrompt, 0, Math.max(0, prompt));
        long perMillion = saturatedSum(saturatedSum(times(prompt - cached, inputMicrosPer1M),
                times(cached, cachedInputMicrosPer1M)), times(completion, outputMicrosPer1M));
        return perMillion == Long.MAX_VALUE ? MAX_COST_MICROS
                : Math.min(MAX_COST_MICROS, Math.ceilDiv(perMillion, TOKENS_PER_PRICE));
    }

    /** Saturates at {@link Long#MAX_VALUE}, which stands for "more than any budget". */
    private static long times(long tokens, long microsPer1M) {
        if (tokens <= 0 || microsPer1M <= 0) {
            return 0;
        }
        return microsPer1M > Long.MAX_VALUE / tokens ? Long.MAX_VALUE : tokens * microsPer1M;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long micros(BigDecimal amount) {
        return amount.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
