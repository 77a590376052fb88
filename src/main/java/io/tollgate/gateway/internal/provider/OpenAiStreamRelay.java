package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Relays an OpenAI-format stream as it came, byte for byte, reading each chunk only for what metering needs:
 * the usage, the generated text (for counting when no usage comes) and errors. The usage-only chunk that
 * Tollgate asked for on the client's behalf is swallowed unless the client asked for it too.
 */
final class OpenAiStreamRelay implements StreamTranslator {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final Buffer NOTHING = Buffer.buffer();

    private final ObjectMapper json;
    private final boolean clientWantsUsage;
    private final StringBuilder text = new StringBuilder();
    private Tokens usage;
    private boolean finished;
    private boolean failed;

    OpenAiStreamRelay(ObjectMapper json, boolean clientWantsUsage) {
        this.json = json;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public Buffer onEvent(String name, Buffer data) {
        if (isDone(data)) {
            finished = true;
            return DONE;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data.getBytes());
        } catch (IOException e) {
            failed = true;
            throw OpenAiErrors.unreadable();
        }
        if (chunk.has("error")) {
            failed = true;
            return frame(data);
        }
        JsonNode choices = chunk.path("choices");
        for (JsonNode choice : choices) {
            JsonNode delta = choice.path("delta");
            append(delta.path("content"));
            append(delta.path("reasoning_content"));
            for (JsonNode call : delta.path("tool_calls")) {
                append(call.path("function").path("arguments"));
            }
        }
        Tokens reported = OpenAiUsage.of(chunk.get("usage"));
        if (reported != null) {
            usage = reported;
            if (choices.isEmpty() && !clientWantsUsage) {
                return NOTHING;
            }
        }
        return frame(data);
    }

    private void append(JsonNode value) {
        if (value.isTextual()) {
            text.append(value.asText());
        }
    }

    private static boolean isDone(Buffer data) {
        return data.length() == 6 && "[DONE]".equals(data.toString());
    }

    private static Buffer frame(Buffer data) {
        return Buffer.buffer(data.length() + 8).appendString("data: ").appendBuffer(data).appendString("\n\n");
    }

    @Override
    public Tokens usage() {
        return usage;
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
