package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI and every OpenAI-compatible server (vLLM, Ollama, TGI, LM Studio, Groq…), and the built-in simulator,
 * which speaks the same wire format. The body goes upstream as the client sent it, with two changes: the
 * deployment's model name, and {@code stream_options.include_usage} on streamed calls so that usage is always
 * reported (the extra chunk is dropped again for clients that did not ask for it).
 */
public class OpenAiToOpenAi implements ProviderAdapter {

    private final ObjectMapper json;

    public OpenAiToOpenAi(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ProviderType type() {
        return ProviderType.OPENAI;
    }

    @Override
    public UpstreamCall chat(ChatRequest request, Target target) {
        ObjectNode body = withModel(request.body(), target);
        if (request.stream()) {
            ObjectNode options = body.get("stream_options") instanceof ObjectNode given ? given.deepCopy()
                    : json.createObjectNode();
            body.set("stream_options", options.put("include_usage", true));
        }
        return new UpstreamCall(url(target, "chat/completions"), headers(target, request.stream()), bytes(body));
    }

    @Override
    public ChatResponse chatResponse(ChatRequest request, Buffer upstreamBody) {
        return new ChatResponse(upstreamBody, OpenAiUsage.of(read(upstreamBody).get("usage")));
    }

    @Override
    public StreamTranslator chatStream(ChatRequest request) {
        return new OpenAiStreamRelay(json, request.clientWantsUsage());
    }

    @Override
    public boolean forwards(PassThrough endpoint) {
        return true;
    }

    @Override
    public Optional<UpstreamCall> forward(PassThrough endpoint, ObjectNode body, Target target) {
        return Optional.of(new UpstreamCall(url(target, endpoint.path()), headers(target, false), bytes(withModel(body, target))));
    }

    @Override
    public UpstreamFailure failure(int status, String retryAfter, Buffer body) {
        return OpenAiErrors.translate(json, status, retryAfter, body);
    }

    /** The URL of {@code path} on this deployment; Azure overrides it. */
    protected String url(Target target, String path) {
        return target.baseUrl() + "/" + path;
    }

    /** Provider headers, then the credential (which wins); Azure sends the key in {@code api-key}. */
    protected Map<String, String> headers(Target target, boolean stream) {
        Map<String, String> headers = new HashMap<>(target.deployment().extraHeaders());
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        if (target.credential() != null) {
            if (target.credential().apiKey() != null) {
                headers.put(credentialHeader(), credentialValue(target.credential().apiKey()));
            }
            headers.putAll(target.credential().headers());
        }
        return headers;
    }

    protected String credentialHeader() {
        return "authorization";
    }

    protected String credentialValue(String apiKey) {
        return "Bearer " + apiKey;
    }

    protected ObjectNode withModel(ObjectNode body, Target target) {
        return body.deepCopy().put("model", target.deployment().upstreamModel());
    }

    protected Buffer bytes(JsonNode body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            throw OpenAiErrors.unreadable();
        }
    }
}
