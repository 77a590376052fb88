package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.api.UsageRecorded.Tokens;

/** What the Anthropic adapter writes into OpenAI's chat completion format, streamed or not. */
final class AnthropicResponses {

    private AnthropicResponses() {
    }

    /** OpenAI's {@code usage}; cache writes have no field there and count in {@code prompt_tokens} only. */
    static ObjectNode usage(ObjectMapper json, Tokens tokens) {
        ObjectNode usage = json.createObjectNode().put("prompt_tokens", tokens.prompt())
                .put("completion_tokens", tokens.completion()).put("total_tokens", tokens.total());
        usage.putObject("prompt_tokens_details").put("cached_tokens", tokens.cachedPrompt());
        return usage;
    }

    /**
     * Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}: a natural end, a stop sequence or a
     * paused server-tool turn stop; running out of tokens or context is {@code length}; a refusal is
     * {@code content_filter}.
     */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
