package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.gateway.internal.apischema.anthropic.AnthropicError;
import io.tollgate.gateway.internal.apischema.anthropic.AnthropicUsage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages API ({@code POST {base}/v1/messages}, key in {@code x-api-key}) behind OpenAI's chat
 * completions, both ways (ADR 0022). Anthropic has no embeddings and no legacy completions, so nothing is
 * forwarded.
 */
public class OpenAiToAnthropic implements ProviderAdapter {

    /** The API version this adapter's translation is written against; a deployment header may override it. */
    static final String API_VERSION = "2023-06-01";

    private final ObjectMapper json;
    private final AnthropicRequestTranslator requests;

    public OpenAiToAnthropic(ObjectMapper json) {
        this.json = json;
        this.requests = new AnthropicRequestTranslator(json);
    }

    @Override
    public ProviderType type() {
        return ProviderType.ANTHROPIC;
    }

    @Override
    public UpstreamCall chat(ChatRequest request, Target target) {
        ObjectNode body = requests.translate(request, target.deployment().upstreamModel());
        return new UpstreamCall(target.baseUrl() + "/v1/messages", headers(target, request.stream()), bytes(body));
    }

    @Override
    public ChatResponse chatResponse(ChatRequest request, Buffer upstreamBody) {
        JsonNode answer = read(upstreamBody);
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = json.createArrayNode();
        for (JsonNode block : answer.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> reasoning.append(block.path("thinking").asText());
                case "tool_use" -> {
                    ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.path("input").toString());
                }
                default -> {
                    // redacted thinking and server-tool blocks have no OpenAI counterpart
                }
            }
        }
        message.put("content", text.isEmpty() ? null : text.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        Tokens usage = usage(answer.get("usage"));
        ObjectNode completion = json.createObjectNode().put("id", "chatcmpl-" + answer.path("id").asText())
                .put("object", "chat.completion").put("created", Instant.now().getEpochSecond())
                .put("model", request.model());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", AnthropicResponses.finishReason(answer.path("stop_reason").asText(null)));
        if (usage != null) {
            completion.set("usage", AnthropicResponses.usage(json, usage));
        }
        return new ChatResponse(bytes(completion), usage);
    }

    @Override
    public StreamTranslator chatStream(ChatRequest request) {
        return new AnthropicStreamTranslator(json, request.model(), request.clientWantsUsage());
    }

    @Override
    public boolean forwards(PassThrough endpoint) {
        return false;
    }

    @Override
    public Optional<UpstreamCall> forward(PassThrough endpoint, ObjectNode body, Target target) {
        return Optional.empty();
    }

    @Override
    public UpstreamFailure failure(int status, String retryAfter, Buffer body) {
        AnthropicError error = error(body);
        return OpenAiErrors.translate(status, retryAfter, error == null ? null : error.message(), null, null);
    }

    /** The version header first so that a deployment's extra headers may override it; the credential last. */
    private static Map<String, String> headers(Target target, boolean stream) {
        Map<String, String> headers = new HashMap<>();
        headers.put("anthropic-version", API_VERSION);
        headers.putAll(target.deployment().extraHeaders());
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        if (target.credential() != null) {
            if (target.credential().apiKey() != null) {
                headers.put("x-api-key", target.credential().apiKey());
            }
            headers.putAll(target.credential().headers());
        }
        return headers;
    }

    private Tokens usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        try {
            return json.treeToValue(usage, AnthropicUsage.class).tokens();
        } catch (IOException e) {
            throw OpenAiErrors.unreadable();
        }
    }

    private AnthropicError error(Buffer body) {
        try {
            return body == null || body.length() == 0 ? null : json.readValue(body.getBytes(), AnthropicError.class);
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode read(Buffer body) {
        try {
            JsonNode answer = json.readTree(body.getBytes());
            if (answer != null && answer.isObject()) {
                return answer;
            }
        } catch (IOException e) {
            // answered below
        }
        throw OpenAiErrors.unreadable();
    }

    private Buffer bytes(JsonNode body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
