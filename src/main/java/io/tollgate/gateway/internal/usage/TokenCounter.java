package io.tollgate.gateway.internal.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts tokens when a provider reports none (a stream cut short, an old server), with OpenAI's o200k
 * tokenizer: exact for OpenAI's current models, an estimate for others, which is why such usage is marked
 * {@code estimated}. Chat prompts count each message's text plus OpenAI's per-message framing.
 */
@ApplicationScoped
public class TokenCounter {

    /** OpenAI's documented framing: each message costs its text plus about 3 tokens, the reply 3 more. */
    private static final int PER_MESSAGE = 3;
    private static final int PER_REPLY = 3;
    /**
     * Characters tokenised exactly; the rest is estimated at four per token. Counting runs on the event loop, and
     * the tokenizer's cost grows faster than linearly on long runs without spaces: a 30 MB completion of one
     * character blocked the event loop for minutes.
     */
    static final int EXACT_LIMIT = 65_536;

    public long count(CharSequence text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.length() <= EXACT_LIMIT) {
            return O200k.ENCODING.countTokensOrdinary(text.toString());
        }
        return O200k.ENCODING.countTokensOrdinary(text.subSequence(0, EXACT_LIMIT).toString())
                + (text.length() - EXACT_LIMIT + 3) / 4;
    }

    /** The tokenizer's table (about 34 MB of heap) loads on first use: most providers report their usage. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /**
     * A quick upper-bound estimate of a prompt's tokens for quota reservations on the hot path: about four
     * characters per token, plus the framing. The exact count replaces it when the request settles.
     */
    public long estimateMessages(JsonNode messages) {
        long characters = 0;
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                characters += content.textValue().length();
            } else {
                for (JsonNode part : content) {
                    characters += part.path("text").isTextual() ? part.path("text").textValue().length() : 0;
                }
            }
        }
        return PER_REPLY + (long) PER_MESSAGE * messages.size() + (characters + 3) / 4;
    }

    /** The tokens of a chat request's {@code messages} (text parts; images are not counted). */
    public long countMessages(JsonNode messages) {
        long total = PER_REPLY;
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages) {
            total += PER_MESSAGE;
            text.setLength(0);
            appendText(message.path("content"), text);
            for (JsonNode call : message.path("tool_calls")) {
                text.append(call.path("function").path("name").asText()).append(call.path("function").path("arguments").asText());
            }
            total += count(text);
        }
        return total;
    }

    private static void appendText(JsonNode content, StringBuilder text) {
        if (content.isTextual()) {
            text.append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
        }
    }
}
