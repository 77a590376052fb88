package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.gateway.internal.apischema.anthropic.AnthropicError;
import io.tollgate.gateway.internal.apischema.anthropic.AnthropicUsage;
import io.tollgate.platform.error.ErrorEnvelope;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Anthropic's stream events as OpenAI {@code chat.completion.chunk}s: {@code message_start} opens the assistant
 * turn, text and tool-input deltas become content and tool-call deltas (tool calls numbered in their order, as
 * OpenAI does, not by Anthropic's block index), thinking becomes {@code reasoning_content}, {@code message_delta}
 * carries the finish reason, and {@code message_stop} ends the stream with the usage chunk, when the client asked
 * for it, and {@code [DONE]}. Pings and block ends have nothing for the client.
 */
final class AnthropicStreamTranslator implements StreamTranslator {

    private static final Buffer NOTHING = Buffer.buffer();
    private static final String DONE = "data: [DONE]\n\n";

    private final ObjectMapper json;
    private final String model;
    private final boolean clientWantsUsage;
    private final long created = Instant.now().getEpochSecond();
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    private String id = "chatcmpl-";
    private AnthropicUsage usage;
    private boolean usageFinal;
    private boolean finished;
    private boolean failed;

    AnthropicStreamTranslator(ObjectMapper json, String model, boolean clientWantsUsage) {
        this.json = json;
        this.model = model;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public Buffer onEvent(String name, Buffer data) {
        JsonNode event = read(data);
        return switch (event.path("type").asText(name == null ? "" : name)) {
            case "message_start" -> messageStart(event.path("message"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> messageStop();
            case "error" -> error(event);
            default -> NOTHING;
        };
    }

    private Buffer messageStart(JsonNode message) {
        id = "chatcmpl-" + message.path("id").asText();
        updateUsage(message.get("usage"));
        return chunk(json.createObjectNode().put("role", "assistant").put("content", ""), null);
    }

    private Buffer blockStart(int block, JsonNode content) {
        String type = content.path("type").asText();
        if ("tool_use".equals(type)) {
            int index = toolCallByBlock.size();
            toolCallByBlock.put(block, index);
            ObjectNode call = json.createObjectNode().put("index", index).put("id", content.path("id").asText())
                    .put("type", "function");
            call.putObject("function").put("name", content.path("name").asText()).put("arguments", "");
            ObjectNode delta = json.createObjectNode();
            delta.putArray("tool_calls").add(call);
            return chunk(delta, null);
        }
        if ("text".equals(type) && !content.path("text").asText().isEmpty()) {
            return content(content.path("text").asText());
        }
        return NOTHING;
    }

    private Buffer blockDelta(int block, JsonNode delta) {
        return switch (delta.path("type").asText()) {
            case "text_delta" -> content(delta.path("text").asText());
            case "input_json_delta" -> arguments(block, delta.path("partial_json").asText());
            case "thinking_delta" -> {
                String thinking = delta.path("thinking").asText();
                text.append(thinking);
                yield chunk(json.createObjectNode().put("reasoning_content", thinking), null);
            }
            default -> NOTHING; // signatures and citations have no OpenAI counterpart
        };
    }

    private Buffer content(String fragment) {
        text.append(fragment);
        return chunk(json.createObjectNode().put("content", fragment), null);
    }

    private Buffer arguments(int block, String fragment) {
        Integer index = toolCallByBlock.get(block);
        if (index == null || fragment.isEmpty()) {
            return NOTHING;
        }
        text.append(fragment);
        ObjectNode call = json.createObjectNode().put("index", index);
        call.putObject("function").put("arguments", fragment);
        ObjectNode delta = json.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    private Buffer messageDelta(JsonNode event) {
        updateUsage(event.get("usage"));
        usageFinal = true;
        String stopReason = event.path("delta").path("stop_reason").asText(null);
        return chunk(json.createObjectNode(), AnthropicResponses.finishReason(stopReason));
    }

    private Buffer messageStop() {
        finished = true;
        Buffer out = Buffer.buffer();
        if (clientWantsUsage && usage != null) {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", AnthropicResponses.usage(json, usage.tokens()));
            out.appendBuffer(frame(chunk));
        }
        return out.appendString(DONE);
    }

    private Buffer error(JsonNode event) {
        failed = true;
        AnthropicError error = json.convertValue(event, AnthropicError.class);
        UpstreamFailure failure = OpenAiErrors.translate(error.status(), null, error.message(), null, null);
        return Buffer.buffer("data: " + ErrorEnvelope.render("/v1/chat/completions", null, failure.error()).body()
                + "\n\n");
    }

    private void updateUsage(JsonNode reported) {
        if (reported == null || !reported.isObject()) {
            return;
        }
        AnthropicUsage update = json.convertValue(reported, AnthropicUsage.class);
        usage = usage == null ? update : usage.updatedBy(update);
    }

    private Buffer chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return frame(chunk);
    }

    private ObjectNode header() {
        return json.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }

    private Buffer frame(ObjectNode chunk) {
        try {
            return Buffer.buffer("data: ").appendBytes(json.writeValueAsBytes(chunk)).appendString("\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(Buffer data) {
        try {
            JsonNode event = json.readTree(data.getBytes());
            if (event != null && event.isObject()) {
                return event;
            }
        } catch (IOException e) {
            // answered below
        }
        failed = true;
        throw OpenAiErrors.unreadable();
    }

    /**
     * Null until {@code message_delta}: {@code message_start} counts one output token, so a stream cut before the
     * end must be counted from its text, as an OpenAI stream without its usage chunk is, not billed as one token.
     */
    @Override
    public Tokens usage() {
        return usage == null || !usageFinal ? null : usage.tokens();
    }

    @Override
    public CharSequence completionText() {
        return text;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public boolean failed() {
        return failed;
    }
}
