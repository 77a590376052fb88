package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static io.tollgate.gateway.FakeUpstream.chunk;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.done;
import static io.tollgate.gateway.FakeUpstream.finish;
import static io.tollgate.gateway.FakeUpstream.json;
import static io.tollgate.gateway.FakeUpstream.stream;
import static io.tollgate.gateway.FakeUpstream.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.testing.Broker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/chat/completions} against a fake OpenAI-compatible provider: JSON, streams, usage, headers. */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class ChatCompletionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream upstream;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void jsonCompletionIsRelayedWithTheDeploymentsModelAndTollgateHeaders() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().then(json(200, completion("Hello there", 11, 3)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        try (Broker broker = Broker.connect()) {
            String usage = broker.tap("gateway.usage-recorded.v1");
            Response response = chat(setup.key, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                    + "\"temperature\":0.2,\"tools\":[],\"metadata\":{\"a\":\"b\"}}");
            response.then().statusCode(200).contentType("application/json")
                    .body("choices[0].message.content", equalTo("Hello there"))
                    .header("x-tollgate-deployment", notNullValue())
                    .header("x-tollgate-overhead-ms", notNullValue())
                    .header("x-request-id", notNullValue());
            JsonNode sent = JSON.readTree(provider.received.get(0).body());
            assertThat(sent.get("model").asText()).isEqualTo("up-model");
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(sent.get("metadata").get("a").asText()).isEqualTo("b");
            assertThat(sent.has("stream_options")).isFalse();
            assertThat(provider.received.get(0).path()).isEqualTo("/v1/chat/completions");
            assertThat(Double.parseDouble(response.header("x-tollgate-overhead-ms"))).isGreaterThanOrEqualTo(0);

            JsonNode event = usageEvent(broker, usage, response.header("x-request-id"));
            assertThat(event.get("tokens").get("prompt").asLong()).isEqualTo(11);
            assertThat(event.get("tokens").get("completion").asLong()).isEqualTo(3);
            assertThat(event.get("estimated").asBoolean()).isFalse();
            assertThat(event.get("outcome").asText()).isEqualTo("OK");
            assertThat(event.get("orgId").asText()).isEqualTo(setup.org.toString());
            assertThat(event.get("model").asText()).isEqualTo(model);
            assertThat(event.get("deploymentId").asText()).isEqualTo(response.header("x-tollgate-deployment"));
        }
    }

    @Test
    void streamWithoutIncludeUsageHidesTheUsageChunkTollgateAskedFor() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ofMillis(5),
                List.of(chunk("Hel"), chunk("lo"), finish(), usageChunk(7, 2), done())));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        try (Broker broker = Broker.connect()) {
            String usage = broker.tap("gateway.usage-recorded.v1");
            Response response = chat(setup.key, "{\"model\":\"" + model + "\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            response.then().statusCode(200).contentType("text/event-stream").header("cache-control", "no-cache")
                    .header("x-accel-buffering", "no");
            List<String> events = dataLines(response.asString());
            assertThat(events).hasSize(4).last().isEqualTo("[DONE]");
            assertThat(events).noneMatch(e -> e.contains("\"usage\""));
            assertThat(JSON.readTree(provider.received.get(0).body()).get("stream_options").get("include_usage").asBoolean()).isTrue();

            JsonNode event = usageEvent(broker, usage, response.header("x-request-id"));
            assertThat(event.get("tokens").get("completion").asLong()).isEqualTo(2);
            assertThat(event.get("stream").asBoolean()).isTrue();
            assertThat(event.get("ttfbMs").isNumber()).isTrue();
        }
    }

    @Test
    void streamWithIncludeUsageEndsWithTheUsageChunkAsOpenAiSendsIt() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ZERO,
                List.of(chunk("Hi"), finish(), usageChunk(7, 1), done())));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        List<String> events = dataLines(chat(setup.key, "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .then().statusCode(200).extract().asString());
        JsonNode usageChunk = JSON.readTree(events.get(events.size() - 2));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage").get("total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void theSimulatorStreamsSyntheticTokensLabelledAsSuch() {
        GatewaySetup setup = new GatewaySetup();
        String simulator = setup.provider(null, Map.of("type", "simulator", "extraHeaders",
                Map.of("x-simulator-ttft-ms", "20", "x-simulator-inter-token-ms", "1", "x-simulator-tokens", "6")));
        String model = setup.model(List.of(GatewaySetup.deployment(simulator, 0)), Map.of());

        List<String> events = dataLines(chat(setup.key, "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .then().statusCode(200).extract().asString());
        assertThat(events.get(0)).contains("[synthetic]").contains("tollgate-simulator");
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events.get(events.size() - 2)).contains("\"completion_tokens\":6");

        chat(setup.key, "{\"model\":\"" + model + "\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .then().log().ifValidationFails().statusCode(200).body("choices[0].finish_reason", equalTo("length"))
                .body("usage.completion_tokens", equalTo(3)).body("system_fingerprint", equalTo("tollgate-simulator"));
    }

    static Response chat(String key, String body) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json").body(body)
                .post("/v1/chat/completions");
    }

    /** The data of each event of an SSE body, in order (comments and blank lines left out). */
    static List<String> dataLines(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }

    /** The data of the usage event for {@code requestId}, as published. */
    static JsonNode usageEvent(Broker broker, String queue, String requestId) throws Exception {
        Optional<GetResponse> message = broker.awaitMessage(queue,
                m -> requestId.equals(CloudEvents.deserialize(m.getBody()).getSubject()), Duration.ofSeconds(10));
        assertThat(message).as("usage event of " + requestId).isPresent();
        return JSON.readTree(CloudEvents.deserialize(message.get().getBody()).getData().toBytes());
    }
}
