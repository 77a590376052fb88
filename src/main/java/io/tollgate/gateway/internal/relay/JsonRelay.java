package io.tollgate.gateway.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.provider.ChatResponse;
import io.tollgate.gateway.internal.upstream.UpstreamResponse;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.function.Function;

/**
 * Answers with a provider's complete (non-streamed) response: read up to a bound, translated by the adapter,
 * written in one piece with Tollgate's headers. Usage comes from the response, or is counted from its text.
 */
@ApplicationScoped
public class JsonRelay {

    private final long maxBytes;
    private final ObjectMapper json;

    public JsonRelay(GatewayConfig config, ObjectMapper json) {
        this.maxBytes = config.upstream().maxResponseSize().asLongValue();
        this.json = json;
    }

    void relay(Exchange exchange, UpstreamResponse upstream, Function<Buffer, ChatResponse> translate) {
        exchange.onClientGone(() -> {
            exchange.usage(null, "");
            exchange.cancelled();
        });
        BodyReader.read(upstream.body(), maxBytes, upstream::cancel).onComplete(read -> {
            if (exchange.finished()) {
                return;
            }
            if (read.failed()) {
                exchange.fail(read.cause());
                return;
            }
            ChatResponse response;
            try {
                response = translate.apply(read.result());
            } catch (RuntimeException unreadable) {
                exchange.fail(unreadable);
                return;
            }
            exchange.usage(response.usage(), response.usage() == null ? completionText(response.body()) : "");
            exchange.firstByte();
            exchange.answerHeaders(upstream.status()).putHeader("content-type", "application/json").end(response.body());
            exchange.succeeded(upstream.status());
        });
    }

    /** The generated text of a chat or completions answer, for counting when the provider reported no usage. */
    private CharSequence completionText(Buffer body) {
        StringBuilder text = new StringBuilder();
        try {
            for (JsonNode choice : json.readTree(body.getBytes()).path("choices")) {
                text.append(choice.path("message").path("content").asText("")).append(choice.path("text").asText(""));
            }
        } catch (IOException unreadable) {
            return text;
        }
        return text;
    }

    /** The usage of a forwarded (embeddings, completions) answer. */
    static Tokens usageOf(ObjectMapper json, Buffer body) {
        try {
            return io.tollgate.gateway.internal.provider.OpenAiUsage.of(json.readTree(body.getBytes()).get("usage"));
        } catch (IOException unreadable) {
            throw io.tollgate.gateway.internal.provider.OpenAiErrors.unreadable();
        }
    }
}
