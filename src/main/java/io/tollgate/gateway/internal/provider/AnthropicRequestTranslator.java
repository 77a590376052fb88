package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An OpenAI chat completion request as an Anthropic Messages request (ADR 0022). What Anthropic cannot do as the
 * client asked is refused with a 400 naming the parameter, never dropped: a client must not get a different
 * answer than the one it asked for without knowing.
 */
final class AnthropicRequestTranslator {

    /**
     * Anthropic requires {@code max_tokens}; OpenAI lets the model run to its limit. 4096 is what every current
     * Claude model can produce, long enough for ordinary answers, and bounds the quota reservation.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Parameters translated below. */
    private static final Set<String> TRANSLATED = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "temperature", "top_p", "stop", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls",
            "user");

    /** Parameters Anthropic has no counterpart for, accepted only with the value that asks for nothing. */
    private static final Map<String, Predicate<JsonNode>> NEUTRAL = Map.of(
            "n", value -> value.isIntegralNumber() && value.asInt() == 1,
            "logprobs", value -> value.isBoolean() && !value.asBoolean(),
            "frequency_penalty", value -> value.isNumber() && value.asDouble() == 0,
            "presence_penalty", value -> value.isNumber() && value.asDouble() == 0,
            "logit_bias", value -> value.isObject() && value.isEmpty(),
            "store", value -> value.isBoolean() && !value.asBoolean(),
            "metadata", value -> value.isObject() && value.isEmpty(),
            "response_format", value -> "text".equals(value.path("type").asText()),
            "modalities", value -> value.isArray() && value.size() == 1 && "text".equals(value.get(0).asText()));

    private static final Map<String, String> WHY_NOT = Map.of(
            "n", "Anthropic returns one choice per request; n must be 1",
            "logprobs", "Anthropic does not return log probabilities",
            "top_logprobs", "Anthropic does not return log probabilities",
            "response_format", "Anthropic deployments support response_format text only; ask for JSON in the prompt"
                    + " or with a tool",
            "functions", "functions is deprecated; use tools",
            "function_call", "function_call is deprecated; use tool_choice");

    private final ObjectMapper json;

    AnthropicRequestTranslator(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode translate(ChatRequest request, String upstreamModel) {
        ObjectNode body = request.body();
        refuseUntranslatable(body);
        ObjectNode out = json.createObjectNode().put("model", upstreamModel);
        new AnthropicMessages(json).translate(body.path("messages"), out);
        out.put("max_tokens", request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
        JsonNode temperature = body.get("temperature");
        if (present(temperature)) {
            if (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 1) {
                throw badRequest("Anthropic accepts a temperature between 0 and 1", "temperature");
            }
            out.set("temperature", temperature);
        }
        if (present(body.get("top_p"))) {
            out.set("top_p", body.get("top_p"));
        }
        stopSequences(body.get("stop"), out);
        tools(body, out);
        if (present(body.get("user"))) {
            out.putObject("metadata").put("user_id", body.get("user").asText());
        }
        if (request.stream()) {
            out.put("stream", true);
        }
        return out;
    }

    private static void refuseUntranslatable(ObjectNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (TRANSLATED.contains(name) || value.isNull()) {
                continue;
            }
            Predicate<JsonNode> neutral = NEUTRAL.get(name);
            if (neutral == null || !neutral.test(value)) {
                throw new TollgateException(ErrorKind.BAD_REQUEST,
                        WHY_NOT.getOrDefault(name, name + " is not supported for Anthropic deployments"), Map.of(),
                        "unsupported_parameter", name);
            }
        }
    }

    private void stopSequences(JsonNode stop, ObjectNode out) {
        if (!present(stop)) {
            return;
        }
        ArrayNode sequences = out.putArray("stop_sequences");
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(sequences::add);
        } else {
            throw badRequest("stop must be a string or an array of strings", "stop");
        }
    }

    private void tools(ObjectNode body, ObjectNode out) {
        JsonNode tools = body.get("tools");
        if (!present(tools) || tools.isEmpty()) {
            return;
        }
        ArrayNode translated = out.putArray("tools");
        int index = 0;
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.path("name").isTextual()) {
                throw badRequest("Only tools of type function, with a name, are supported", "tools[" + index + "]");
            }
            ObjectNode anthropicTool = translated.addObject().put("name", function.get("name").asText());
            if (function.path("description").isTextual()) {
                anthropicTool.put("description", function.get("description").asText());
            }
            JsonNode parameters = function.get("parameters");
            anthropicTool.set("input_schema", present(parameters) ? parameters
                    : json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()));
            index++;
        }
        ObjectNode choice = toolChoice(body.get("tool_choice"));
        JsonNode parallel = body.get("parallel_tool_calls");
        boolean oneCallOnly = present(parallel) && !parallel.asBoolean(true);
        if (oneCallOnly && (choice == null || !"none".equals(choice.get("type").asText()))) {
            choice = choice == null ? json.createObjectNode().put("type", "auto") : choice;
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    private ObjectNode toolChoice(JsonNode choice) {
        if (!present(choice)) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> json.createObjectNode().put("type", "auto");
                case "none" -> json.createObjectNode().put("type", "none");
                case "required" -> json.createObjectNode().put("type", "any");
                default -> throw badRequest("tool_choice must be auto, none, required or a function", "tool_choice");
            };
        }
        JsonNode name = choice.path("function").path("name");
        if ("function".equals(choice.path("type").asText()) && name.isTextual()) {
            return json.createObjectNode().put("type", "tool").put("name", name.asText());
        }
        throw badRequest("tool_choice must be auto, none, required or a function", "tool_choice");
    }

    static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    static TollgateException badRequest(String message, String param) {
        return new TollgateException(ErrorKind.BAD_REQUEST, message, Map.of(), null, param);
    }
}
