package io.tollgate.gateway.internal.provider;

import static io.tollgate.gateway.internal.provider.AnthropicRequestTranslator.badRequest;
import static io.tollgate.gateway.internal.provider.AnthropicRequestTranslator.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's {@code messages} as Anthropic's: system and developer messages become the top-level {@code system};
 * tool results become {@code tool_result} blocks of a user message; assistant tool calls become {@code tool_use}
 * blocks; and consecutive messages of one role merge into one, since Anthropic wants the roles to alternate.
 */
final class AnthropicMessages {

    private final ObjectMapper json;
    private final List<ObjectNode> system = new ArrayList<>();
    private final ArrayNode messages;

    AnthropicMessages(ObjectMapper json) {
        this.json = json;
        this.messages = json.createArrayNode();
    }

    /** Sets {@code system} (when there is one) and {@code messages} on {@code out}. */
    void translate(JsonNode openAiMessages, ObjectNode out) {
        if (!openAiMessages.isArray() || openAiMessages.isEmpty()) {
            throw badRequest("messages must be a non-empty array", "messages");
        }
        for (int i = 0; i < openAiMessages.size(); i++) {
            message(openAiMessages.get(i), "messages[" + i + "]");
        }
        if (system.size() == 1) {
            out.put("system", system.getFirst().get("text").asText());
        } else if (!system.isEmpty()) {
            out.putArray("system").addAll(system);
        }
        out.set("messages", messages);
    }

    private void message(JsonNode message, String param) {
        String role = message.path("role").asText();
        switch (role) {
            case "system", "developer" -> system.addAll(textBlocks(message.get("content"), param + ".content"));
            case "user" -> append("user", userBlocks(message.get("content"), param + ".content"));
            case "assistant" -> append("assistant", assistantBlocks(message, param));
            case "tool" -> append("user", List.of(toolResult(message, param)));
            default -> throw badRequest("Unsupported message role '" + role + "'; use system, developer, user,"
                    + " assistant or tool", param + ".role");
        }
    }

    /** Adds blocks to the last message when it has the same role, else as a new message. */
    private void append(String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.get("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
        } else {
            ObjectNode message = messages.addObject().put("role", role);
            message.putArray("content").addAll(blocks);
        }
    }

    private List<ObjectNode> textBlocks(JsonNode content, String param) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content != null && content.isTextual()) {
            addText(blocks, content.asText());
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                String type = part.path("type").asText();
                if (!"text".equals(type) && !"refusal".equals(type)) {
                    throw badRequest("Only text content is allowed here", param + "[" + j + "]");
                }
                addText(blocks, part.path("text".equals(type) ? "text" : "refusal").asText());
            }
        } else if (present(content)) {
            throw badRequest("content must be a string or an array of content parts", param);
        }
        return blocks;
    }

    /** Anthropic refuses empty text blocks; an empty string carries nothing to keep. */
    private void addText(List<ObjectNode> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(json.createObjectNode().put("type", "text").put("text", text));
        }
    }

    private List<ObjectNode> userBlocks(JsonNode content, String param) {
        if (content == null || !content.isArray()) {
            return textBlocks(content, param);
        }
        List<ObjectNode> blocks = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText(), param + "[" + j + "]"));
                default -> throw badRequest("Content parts of type '" + type + "' are not supported for Anthropic"
                        + " deployments; use text or image_url", param + "[" + j + "]");
            }
        }
        return blocks;
    }

    /** A {@code data:} URL becomes a base64 source, an http(s) URL a url source (Anthropic fetches it). */
    private ObjectNode image(String url, String param) {
        ObjectNode image = json.createObjectNode().put("type", "image");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring("data:".length(), comma);
            if (!header.endsWith(";base64") || header.length() == ";base64".length()) {
                throw badRequest("An image data URL must be data:<media type>;base64,<data>", param);
            }
            image.putObject("source").put("type", "base64")
                    .put("media_type", header.substring(0, header.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            image.putObject("source").put("type", "url").put("url", url);
        } else {
            throw badRequest("An image URL must be an http(s) or a data URL", param);
        }
        return image;
    }

    private List<ObjectNode> assistantBlocks(JsonNode message, String param) {
        List<ObjectNode> blocks = textBlocks(message.get("content"), param + ".content");
        JsonNode calls = message.get("tool_calls");
        if (present(calls)) {
            for (int j = 0; j < calls.size(); j++) {
                blocks.add(toolUse(calls.get(j), param + ".tool_calls[" + j + "]"));
            }
        }
        return blocks;
    }

    private ObjectNode toolUse(JsonNode call, String param) {
        JsonNode function = call.path("function");
        if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
            throw badRequest("A tool call needs an id and a function name", param);
        }
        return json.createObjectNode().put("type", "tool_use").put("id", call.get("id").asText())
                .put("name", function.get("name").asText())
                .set("input", arguments(function.path("arguments").asText(""), param + ".function.arguments"));
    }

    /** Anthropic takes the arguments as a JSON object; OpenAI sends them as a string, which must hold one. */
    private JsonNode arguments(String arguments, String param) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode input = json.readTree(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException e) {
            // answered below
        }
        throw badRequest("Tool call arguments must be a JSON object", param);
    }

    private ObjectNode toolResult(JsonNode message, String param) {
        if (!message.path("tool_call_id").isTextual()) {
            throw badRequest("A tool message needs the tool_call_id it answers", param + ".tool_call_id");
        }
        ObjectNode result = json.createObjectNode().put("type", "tool_result")
                .put("tool_use_id", message.get("tool_call_id").asText());
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            result.put("content", content.asText());
        } else {
            result.putArray("content").addAll(textBlocks(content, param + ".content"));
        }
        return result;
    }
}
