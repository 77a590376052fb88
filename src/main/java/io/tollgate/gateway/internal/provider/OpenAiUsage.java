package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.gateway.api.UsageRecorded.Tokens;

/** Reads OpenAI's {@code usage} object (chat, completions and embeddings alike). */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The tokens of a {@code usage} object, or null when there is none. */
    public static Tokens of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Tokens(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(), 0,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }
}
