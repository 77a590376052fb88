package io.tollgate.gateway.internal.apischema.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.gateway.api.UsageRecorded.Tokens;

/**
 * Anthropic's {@code usage}: {@code input_tokens} counts only the uncached part of the prompt, cache reads and
 * writes come separately. In a stream, {@code message_start} carries it all and {@code message_delta} the running
 * totals of some fields, so a field missing (null) means "unchanged".
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnthropicUsage(
        @JsonProperty("input_tokens") Long inputTokens,
        @JsonProperty("output_tokens") Long outputTokens,
        @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
        @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens) {

    /** This usage updated by a later report: the later's fields where it has them. */
    public AnthropicUsage updatedBy(AnthropicUsage later) {
        return new AnthropicUsage(
                later.inputTokens != null ? later.inputTokens : inputTokens,
                later.outputTokens != null ? later.outputTokens : outputTokens,
                later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
                later.cacheReadInputTokens != null ? later.cacheReadInputTokens : cacheReadInputTokens);
    }

    /**
     * As Tollgate counts: the prompt is everything the model read (uncached + cache read + cache write), as OpenAI's
     * {@code prompt_tokens} is. Anthropic reports thinking inside the output tokens, without a separate count.
     */
    public Tokens tokens() {
        long cacheRead = orZero(cacheReadInputTokens);
        long cacheWrite = orZero(cacheCreationInputTokens);
        return new Tokens(orZero(inputTokens) + cacheRead + cacheWrite, orZero(outputTokens), cacheRead, cacheWrite, 0);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
