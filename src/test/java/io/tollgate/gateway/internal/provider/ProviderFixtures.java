package io.tollgate.gateway.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.catalog.api.Credential;
import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.platform.error.ErrorEnvelope;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Runs the fixture cases under {@code src/test/resources/fixtures/providers/<provider>/<case>/}, written from the
 * providers' public API references. Each case holds what it tests; every file is optional except
 * {@code client-request.json}:
 * <ul>
 * <li>{@code target.json} (or the provider folder's): the deployment and credential ({@code baseUrl},
 * {@code apiVersion}, {@code upstreamModel}, {@code extraHeaders}, {@code apiKey}, {@code credentialHeaders});</li>
 * <li>{@code upstream-request.json} and {@code upstream-call.json} ({@code url}, {@code headers}): the call the
 * adapter must make;</li>
 * <li>{@code client-error.json} ({@code status}, {@code retriable}, {@code headers}, {@code body}): the error the
 * client sees, for the request itself or, with {@code upstream-error.json} ({@code status}, {@code retryAfter},
 * {@code body}), for the provider's error response;</li>
 * <li>{@code upstream-response.json} → {@code client-response.json}, or {@code upstream-stream.sse} →
 * {@code client-stream.sse}: the answer, compared as JSON without {@code created};</li>
 * <li>{@code metering.json} ({@code usage}, and for streams {@code completionText}, {@code finished},
 * {@code failed}): what metering reads.</li>
 * </ul>
 */
final class ProviderFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_PATH = "/v1/chat/completions";

    private ProviderFixtures() {
    }

    /** The case folders of one provider, named for the test report. */
    static Stream<Named<Path>> cases(String provider) {
        Path root = root().resolve(provider);
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> dirs = entries.filter(Files::isDirectory).sorted().toList();
            assertThat(dirs).as("fixture cases in " + root).isNotEmpty();
            return dirs.stream().map(dir -> Named.of(dir.getFileName().toString(), dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one case; a failure names the case, which the test report shows only by its number. */
    static void run(ProviderAdapter adapter, Path dir) {
        try {
            check(adapter, dir);
        } catch (AssertionError e) {
            throw new AssertionError(dir.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void check(ProviderAdapter adapter, Path dir) {
        ObjectNode body = (ObjectNode) json(dir.resolve("client-request.json"));
        ChatRequest request = request(body);
        if (exists(dir, "upstream-error.json")) {
            JsonNode upstream = json(dir.resolve("upstream-error.json"));
            JsonNode errorBody = upstream.get("body");
            Buffer bytes = errorBody == null ? Buffer.buffer()
                    : Buffer.buffer(errorBody.isTextual() ? errorBody.asText() : errorBody.toString());
            UpstreamFailure failure = adapter.failure(upstream.path("status").asInt(),
                    upstream.path("retryAfter").asText(null), bytes);
            assertClientError(dir, failure.error(), failure.retriable());
            return;
        }
        if (exists(dir, "client-error.json")) {
            TollgateException refused = catchThrowableOfType(TollgateException.class,
                    () -> adapter.chat(request, target(dir)));
            assertThat(refused).as("the request is refused").isNotNull();
            assertClientError(dir, refused, null);
            return;
        }
        if (exists(dir, "upstream-request.json")) {
            assertCall(dir, adapter.chat(request, target(dir)));
        }
        if (exists(dir, "upstream-response.json")) {
            ChatResponse response = adapter.chatResponse(request, Buffer.buffer(read(dir.resolve("upstream-response.json"))));
            assertJson(withoutCreated(parse(response.body().toString())), withoutCreated(json(dir.resolve("client-response.json"))),
                    "client response");
            if (exists(dir, "metering.json")) {
                assertThat(response.usage()).as("usage").isEqualTo(tokens(json(dir.resolve("metering.json")).get("usage")));
            }
        }
        if (exists(dir, "upstream-stream.sse")) {
            assertStream(dir, adapter.chatStream(request));
        }
    }

    private static void assertCall(Path dir, UpstreamCall call) {
        assertJson(parse(call.body().toString()), json(dir.resolve("upstream-request.json")), "upstream request");
        if (exists(dir, "upstream-call.json")) {
            JsonNode expected = json(dir.resolve("upstream-call.json"));
            assertThat(call.url()).as("url").isEqualTo(expected.get("url").asText());
            assertThat(call.headers()).as("headers")
                    .isEqualTo(JSON.convertValue(expected.get("headers"), new TypeReference<Map<String, String>>() { }));
        }
    }

    private static void assertStream(Path dir, StreamTranslator translator) {
        Buffer out = Buffer.buffer();
        for (SseEvent event : SseEvent.parse(read(dir.resolve("upstream-stream.sse")))) {
            out.appendBuffer(translator.onEvent(event.name(), Buffer.buffer(event.data())));
        }
        String client = out.toString();
        assertThat(client).as("complete frames").matches("(?s)(data: [^\\n]+\\n\\n)*");
        List<String> actual = SseEvent.parse(client).stream().map(SseEvent::data).toList();
        List<String> expected = SseEvent.parse(read(dir.resolve("client-stream.sse"))).stream().map(SseEvent::data)
                .toList();
        assertThat(actual).as("client frames:\n" + client).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).equals("[DONE]")) {
                assertThat(actual.get(i)).as("frame " + i).isEqualTo("[DONE]");
            } else {
                assertJson(withoutCreated(parse(actual.get(i))), withoutCreated(parse(expected.get(i))), "frame " + i);
            }
        }
        if (exists(dir, "metering.json")) {
            JsonNode metering = json(dir.resolve("metering.json"));
            assertThat(translator.usage()).as("usage").isEqualTo(tokens(metering.get("usage")));
            assertThat(translator.completionText().toString()).as("completion text")
                    .isEqualTo(metering.path("completionText").asText());
            assertThat(translator.finished()).as("finished").isEqualTo(metering.path("finished").asBoolean());
            assertThat(translator.failed()).as("failed").isEqualTo(metering.path("failed").asBoolean());
        }
    }

    private static void assertClientError(Path dir, TollgateException error, Boolean retriable) {
        JsonNode expected = json(dir.resolve("client-error.json"));
        ErrorEnvelope.Rendered rendered = ErrorEnvelope.render(CHAT_PATH, null, error);
        assertThat(rendered.status()).as("status").isEqualTo(expected.get("status").asInt());
        assertJson(parse(rendered.body()).get("error"), expected.get("body").get("error"), "error body");
        if (retriable != null) {
            assertThat(retriable).as("retriable").isEqualTo(expected.get("retriable").asBoolean());
        }
        assertThat(error.headers()).as("headers").isEqualTo(expected.has("headers")
                ? JSON.convertValue(expected.get("headers"), new TypeReference<Map<String, String>>() { })
                : Map.of());
    }

    /** What the gateway reads from a client body before calling an adapter. */
    private static ChatRequest request(ObjectNode body) {
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return new ChatRequest(body, body.path("model").asText(), body.path("stream").asBoolean(),
                body.path("stream_options").path("include_usage").asBoolean(),
                max == null || max.isNull() ? null : max.asInt());
    }

    private static Target target(Path dir) {
        Path file = exists(dir, "target.json") ? dir.resolve("target.json") : dir.getParent().resolve("target.json");
        JsonNode target = json(file);
        Map<String, String> extraHeaders = target.has("extraHeaders")
                ? JSON.convertValue(target.get("extraHeaders"), new TypeReference<Map<String, String>>() { })
                : Map.of();
        Map<String, String> credentialHeaders = target.has("credentialHeaders")
                ? JSON.convertValue(target.get("credentialHeaders"), new TypeReference<Map<String, String>>() { })
                : Map.of();
        DeploymentRoute deployment = new DeploymentRoute(UUID.randomUUID(), UUID.randomUUID(), null,
                target.get("baseUrl").asText(), target.path("apiVersion").asText(null), extraHeaders, null, null,
                null, target.get("upstreamModel").asText(), 1, 0, null, null, null, List.of());
        return new Target(deployment, new Credential(target.path("apiKey").asText(null), credentialHeaders));
    }

    private static Tokens tokens(JsonNode usage) {
        return usage == null || usage.isNull() ? null : JSON.convertValue(usage, Tokens.class);
    }

    private static void assertJson(JsonNode actual, JsonNode expected, String what) {
        if (!expected.equals(actual)) {
            assertThat(actual == null ? "null" : actual.toPrettyString()).as(what).isEqualTo(expected.toPrettyString());
        }
    }

    /** {@code created} is the time of the call, not part of the translation. */
    private static JsonNode withoutCreated(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("created");
        }
        return node;
    }

    private static boolean exists(Path dir, String file) {
        return Files.exists(dir.resolve(file));
    }

    private static JsonNode json(Path file) {
        return parse(read(file));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(ProviderFixtures.class.getResource("/fixtures/providers").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One server-sent event: its {@code event:} name (or null) and its {@code data:} lines joined. */
    record SseEvent(String name, String data) {

        static List<SseEvent> parse(String stream) {
            List<SseEvent> events = new ArrayList<>();
            for (String block : stream.replace("\r\n", "\n").split("\n\n")) {
                String name = null;
                List<String> data = new ArrayList<>();
                for (String line : block.split("\n")) {
                    if (line.startsWith("event:")) {
                        name = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        String value = line.substring("data:".length());
                        data.add(value.startsWith(" ") ? value.substring(1) : value);
                    }
                }
                if (!data.isEmpty()) {
                    events.add(new SseEvent(name, String.join("\n", data)));
                }
            }
            return events;
        }
    }
}
