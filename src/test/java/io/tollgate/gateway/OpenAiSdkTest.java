package io.tollgate.gateway;

import static io.tollgate.gateway.FakeUpstream.chunk;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.done;
import static io.tollgate.gateway.FakeUpstream.error;
import static io.tollgate.gateway.FakeUpstream.finish;
import static io.tollgate.gateway.FakeUpstream.json;
import static io.tollgate.gateway.FakeUpstream.stream;
import static io.tollgate.gateway.FakeUpstream.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, pointed at Tollgate with only a base URL and a key: completions, streams, tool
 * calls, structured output, embeddings, model listing, and errors as the SDK's typed exceptions.
 */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class OpenAiSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream upstream;

    @TestHTTPResource("/v1")
    URL v1;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    /** A model of a fresh tenant on a fresh fake provider, and an SDK client for its key. */
    private record Fixture(GatewaySetup setup, FakeUpstream.Tenant provider, String model, OpenAIClient client) {
    }

    private Fixture fixture(Map<String, Object> modelFields) {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant();
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), modelFields);
        return new Fixture(setup, provider, model, client(setup.key));
    }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the weather in Paris?");
    }

    @Test
    void chatCompletionAndModelListing() {
        Fixture f = fixture(Map.of());
        f.provider().then(json(200, completion("Sunny", 9, 1)));

        ChatCompletion answer = f.client().chat().completions().create(ask(f.model()).build());
        assertThat(answer.choices().get(0).message().content()).contains("Sunny");
        assertThat(answer.usage().orElseThrow().totalTokens()).isEqualTo(10);
        assertThat(f.client().models().list().data()).anyMatch(model -> model.id().equals(f.model()));
        assertThat(f.client().models().retrieve(f.model()).id()).isEqualTo(f.model());
    }

    @Test
    void streamingWithAndWithoutTheUsageChunk() {
        Fixture f = fixture(Map.of());
        List<String> frames = List.of(chunk("Sun"), chunk("ny"), finish(), usageChunk(9, 2), done());
        f.provider().then(stream(Duration.ZERO, frames)).then(stream(Duration.ZERO, frames));

        List<ChatCompletionChunk> plain = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> chunks = f.client().chat().completions().createStreaming(ask(f.model()).build())) {
            chunks.stream().forEach(plain::add);
        }
        assertThat(plain).hasSize(3).allMatch(c -> c.usage().isEmpty());
        assertThat(text(plain)).isEqualTo("Sunny");

        List<ChatCompletionChunk> withUsage = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> chunks = f.client().chat().completions().createStreaming(ask(f.model())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks.stream().forEach(withUsage::add);
        }
        ChatCompletionChunk last = withUsage.get(withUsage.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(2);
    }

    @Test
    void streamedToolCallDeltasAssembleIntoOneCall() throws Exception {
        Fixture f = fixture(Map.of());
        String head = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up-model\",\"choices\":[{\"index\":0,\"delta\":";
        f.provider().then(stream(Duration.ofMillis(2), List.of(
                head + "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
                head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}",
                head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
                head + "{},\"finish_reason\":\"tool_calls\"}]}",
                done())));

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> chunks = f.client().chat().completions().createStreaming(ask(f.model())
                .addFunctionTool(FunctionDefinition.builder().name("get_weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build()).build())
                .build())) {
            chunks.stream().forEach(accumulator::accumulate);
        }
        var call = accumulator.chatCompletion().choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(JSON.readTree(f.provider().received.get(0).body()).get("tools").get(0).get("function").get("name").asText())
                .isEqualTo("get_weather");
    }

    /** The structured answer the tests ask for. */
    public record Weather(String city, int degrees) {
    }

    @Test
    void structuredOutputIsAskedForAndParsed() throws Exception {
        Fixture f = fixture(Map.of());
        f.provider().then(json(200, completion("{\\\"city\\\":\\\"Paris\\\",\\\"degrees\\\":21}", 20, 8)));

        StructuredChatCompletion<Weather> answer = f.client().chat().completions().create(
                ask(f.model()).responseFormat(Weather.class).build());
        assertThat(answer.choices().get(0).message().content()).contains(new Weather("Paris", 21));
        assertThat(JSON.readTree(f.provider().received.get(0).body()).get("response_format").get("type").asText())
                .isEqualTo("json_schema");
    }

    @Test
    void embeddings() {
        Fixture f = fixture(Map.of("capabilities", Map.of("chat", false, "embeddings", true)));
        f.provider().then(json(200, "{\"object\":\"list\",\"model\":\"up-model\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.1,-0.2,0.3]}],\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));

        CreateEmbeddingResponse response = f.client().embeddings().create(EmbeddingCreateParams.builder()
                .model(f.model()).input("hello world").build());
        assertThat(response.data().get(0).embedding()).containsExactly(0.1f, -0.2f, 0.3f);
        assertThat(f.provider().received.get(0).path()).isEqualTo("/v1/embeddings");
    }

    @Test
    void errorsSurfaceAsTheSdksTypedExceptions() {
        Fixture f = fixture(Map.of("retry", Map.of("attempts", 1, "backoffMs", 10)));

        assertThatThrownBy(() -> client("tgk_" + "0".repeat(43)).chat().completions().create(ask(f.model()).build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> f.client().chat().completions().create(ask("no-such-model").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        assertThatThrownBy(() -> f.client().chat().completions().create(ask(f.model()).temperature(3.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("temperature"));

        f.provider().then(json(429, error("slow down", "requests", "rate_limit_exceeded"), "retry-after", "3"));
        assertThatThrownBy(() -> f.client().chat().completions().create(ask(f.model()).build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("3"));

        f.provider().always(json(500, error("down", "server_error", null)));
        for (int i = 0; i < 3; i++) { // the profile's circuit threshold: 502 each, then the circuit opens
            assertThatThrownBy(() -> f.client().chat().completions().create(ask(f.model()).build()))
                    .isInstanceOf(InternalServerException.class);
        }
        assertThatThrownBy(() -> f.client().chat().completions().create(ask(f.model()).build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return text.toString();
    }
}
