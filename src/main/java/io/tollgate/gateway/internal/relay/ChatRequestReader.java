package io.tollgate.gateway.internal.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.internal.provider.ChatRequest;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Parses a {@code /v1} request body once and checks only what Tollgate must: that it is a JSON object, the
 * fields routing, quotas and metering read, the types and ranges OpenAI documents for the common sampling
 * fields, and that it carries nothing that could redirect the provider call (a base URL or key smuggled in
 * the body). Everything else goes upstream untouched: providers validate their own features.
 */
final class ChatRequestReader {

    /** Fields some SDKs and proxies honour to redirect or re-key a call; they never reach a provider. */
    static final Set<String> FORBIDDEN = Set.of("api_key", "api_base", "base_url", "api_version", "api_type",
            "azure_endpoint", "azure_ad_token", "organization", "extra_headers", "headers", "custom_llm_provider");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private final ObjectMapper json;

    ChatRequestReader(ObjectMapper json) {
        this.json = json;
    }

    ChatRequest chat(Buffer body) {
        ObjectNode root = object(body);
        String model = model(root);
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw invalid("'messages' is required", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid("'messages' must be a non-empty array", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual() || !ROLES.contains(message.path("role").asText())) {
                throw invalid("messages[" + i + "] must be an object with a role of " + String.join(", ", ROLES.stream().sorted().toList()),
                        "messages[" + i + "].role");
            }
        }
        range(root, "temperature", 0, 2);
        range(root, "top_p", 0, 1);
        range(root, "presence_penalty", -2, 2);
        range(root, "frequency_penalty", -2, 2);
        integer(root, "n", 1, 128);
        integer(root, "top_logprobs", 0, 20);
        integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        Integer maxTokens = maxTokens(root);
        type(root, "logprobs", JsonNode::isBoolean, "a boolean");
        type(root, "user", JsonNode::isTextual, "a string");
        type(root, "tools", JsonNode::isArray, "an array");
        type(root, "metadata", JsonNode::isObject, "an object");
        type(root, "response_format", JsonNode::isObject, "an object");
        type(root, "stream_options", JsonNode::isObject, "an object");
        stop(root);
        boolean stream = bool(root, "stream");
        boolean includeUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        if (root.has("stream_options") && !stream) {
            throw invalid("'stream_options' is only allowed when 'stream' is true", "stream_options");
        }
        return new ChatRequest(root, model, stream, includeUsage, maxTokens);
    }

    /** An {@code embeddings} or legacy {@code completions} body: a JSON object with a model, forwarded as it is. */
    ObjectNode passThrough(Buffer body, String required) {
        ObjectNode root = object(body);
        model(root);
        if (!root.hasNonNull(required)) {
            throw invalid("'" + required + "' is required", required);
        }
        if (root.path("stream").asBoolean(false)) {
            throw invalid("streaming is not supported on this endpoint", "stream");
        }
        return root;
    }

    private ObjectNode object(Buffer body) {
        JsonNode root;
        try {
            root = body == null || body.length() == 0 ? null : json.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage(), Map.of(), "invalid_json", null);
        } catch (IOException e) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "We could not read the body of your request");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "The request body must be a JSON object", Map.of(),
                    "invalid_json", null);
        }
        for (String field : FORBIDDEN) {
            if (object.has(field)) {
                throw invalid("'" + field + "' is not accepted: Tollgate chooses the provider, its address and its credentials",
                        field);
            }
        }
        return object;
    }

    private static String model(ObjectNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw invalid("'model' is required", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' must be a non-empty string", "model");
        }
        return model.asText();
    }

    private static Integer maxTokens(ObjectNode root) {
        Integer completion = integer(root, "max_completion_tokens", 1, Integer.MAX_VALUE);
        Integer legacy = integer(root, "max_tokens", 1, Integer.MAX_VALUE);
        return completion != null ? completion : legacy;
    }

    private static void range(ObjectNode root, String field, double min, double max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw invalid("'" + field + "' must be a number", field);
        }
        if (value.asDouble() < min || value.asDouble() > max) {
            throw invalid("'" + field + "' must be between " + number(min) + " and " + number(max) + ", got " + value, field);
        }
    }

    private static Integer integer(ObjectNode root, String field, long min, long max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw invalid("'" + field + "' must be an integer", field);
        }
        if (!value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid("'" + field + "' must be between " + min + " and " + max + ", got " + value, field);
        }
        return value.canConvertToInt() ? value.asInt() : Integer.MAX_VALUE;
    }

    private static void type(ObjectNode root, String field, java.util.function.Predicate<JsonNode> check, String what) {
        JsonNode value = root.get(field);
        if (value != null && !value.isNull() && !check.test(value)) {
            throw invalid("'" + field + "' must be " + what, field);
        }
    }

    private static boolean bool(ObjectNode root, String field) {
        type(root, field, JsonNode::isBoolean, "a boolean");
        return root.path(field).asBoolean(false);
    }

    private static void stop(ObjectNode root) {
        JsonNode stop = root.get("stop");
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (!stop.isArray() || stop.size() > 4 || !allText(stop)) {
            throw invalid("'stop' must be a string or an array of at most 4 strings", "stop");
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static TollgateException invalid(String message, String param) {
        return new TollgateException(ErrorKind.BAD_REQUEST, message, Map.of(), "invalid_value", param);
    }
}
