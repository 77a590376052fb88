package io.tollgate.gateway;

import static io.tollgate.gateway.ChatCompletionsTest.chat;
import static io.tollgate.gateway.ChatCompletionsTest.dataLines;
import static io.tollgate.gateway.ChatCompletionsTest.usageEvent;
import static io.tollgate.gateway.FakeUpstream.chunk;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.cutAfter;
import static io.tollgate.gateway.FakeUpstream.error;
import static io.tollgate.gateway.FakeUpstream.hang;
import static io.tollgate.gateway.FakeUpstream.json;
import static io.tollgate.gateway.FakeUpstream.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tollgate.testing.Broker;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against a misbehaving provider: stalls, errors, rate limits, cut streams, vanishing clients. */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class GatewayFaultsTest {

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    private static FakeUpstream upstream;

    @TestHTTPResource("/v1/chat/completions")
    URI chatUrl;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void aProviderThatNeverAnswersGives504AfterTheFirstByteTimeout() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(hang());
        String model = setup.model(List.of(GatewaySetup.deployment(
                setup.provider(provider.baseUrl(), Map.of("timeouts", Map.of("firstByteMs", 500))), 0)),
                Map.of("retry", Map.of("attempts", 1, "backoffMs", 10)));

        Instant sent = Instant.now();
        chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}").then().statusCode(504)
                .body("error.code", equalTo("upstream_timeout"));
        assertThat(Duration.between(sent, Instant.now())).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
        assertThat(provider.received).hasSize(1);
    }

    @Test
    void a500IsRetriedOnTheSameDeploymentAndTheRetryAnswers() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant()
                .then(json(500, error("boom", "server_error", null)))
                .then(json(200, completion("second time lucky", 3, 3)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)),
                Map.of("retry", Map.of("attempts", 2, "backoffMs", 10)));

        chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}").then().statusCode(200)
                .body("choices[0].message.content", equalTo("second time lucky"));
        assertThat(provider.received).hasSize(2);
    }

    @Test
    void a429WithRetryAfterIsPassedOnAs429WhenNoFallbackExists() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(json(429,
                error("Rate limit reached for requests", "requests", "rate_limit_exceeded"), "retry-after", "7"));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}").then().statusCode(429)
                .header("retry-after", "7").body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void aFailingFirstTierFallsBackToTheSecondTierAndThenToTheFallbackModel() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant broken = upstream.tenant().always(json(503, error("overloaded", "server_error", null)));
        FakeUpstream.Tenant healthy = upstream.tenant().always(json(200, completion("from tier 1", 2, 2)));
        String brokenProvider = setup.provider(broken.baseUrl(), Map.of());
        String healthyProvider = setup.provider(healthy.baseUrl(), Map.of());
        String tiered = setup.model(List.of(GatewaySetup.deployment(brokenProvider, 0), GatewaySetup.deployment(healthyProvider, 1)),
                Map.of("retry", Map.of("attempts", 1, "backoffMs", 10)));

        Response answer = chat(setup.key, "{\"model\":\"" + tiered + "\"," + HI + "}");
        answer.then().statusCode(200).body("choices[0].message.content", equalTo("from tier 1"));

        String fallback = setup.model(List.of(GatewaySetup.deployment(healthyProvider, 0)), Map.of());
        String primary = setup.model(List.of(GatewaySetup.deployment(brokenProvider, 0)),
                Map.of("retry", Map.of("attempts", 1, "backoffMs", 10), "fallbacks", List.of(fallback)));
        chat(setup.key, "{\"model\":\"" + primary + "\"," + HI + "}").then().statusCode(200)
                .body("choices[0].message.content", equalTo("from tier 1"));
        assertThat(broken.received).hasSize(2);
    }

    @Test
    void aStreamCutMidwayEndsWithAnErrorFrameAndEstimatedUsage() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().then(cutAfter(Duration.ofMillis(5),
                List.of(chunk("The answer"), chunk(" is"))));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        try (Broker broker = Broker.connect()) {
            String usage = broker.tap("gateway.usage-recorded.v1");
            Response response = chat(setup.key, "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}");
            List<String> events = dataLines(response.then().statusCode(200).extract().asString());
            assertThat(events).hasSize(3);
            assertThat(events.get(2)).contains("\"error\"").contains("upstream_stream_cut");
            assertThat(events).noneMatch(e -> e.equals("[DONE]") || e.contains("\"finish_reason\":\"stop\""));

            JsonNode event = usageEvent(broker, usage, response.header("x-request-id"));
            assertThat(event.get("estimated").asBoolean()).isTrue();
            assertThat(event.get("outcome").asText()).isEqualTo("ERROR");
            assertThat(event.get("tokens").get("completion").asLong()).isEqualTo(3); // "The answer is"
            assertThat(event.get("tokens").get("prompt").asLong()).isPositive();
        }
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheProviderCallWithinOneSecond() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        List<String> slow = IntStream.range(0, 100).mapToObj(i -> chunk("t" + i)).toList();
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ofMillis(100), slow));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        try (Broker broker = Broker.connect()) {
            String usage = broker.tap("gateway.usage-recorded.v1");
            HttpResponse<InputStream> response = send(setup.key, "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}");
            InputStream body = response.body();
            byte[] first = new byte[20];
            assertThat(body.read(first)).isPositive();
            Instant left = Instant.now();
            body.close();
            await().atMost(Duration.ofSeconds(1)).until(() -> !provider.cancelled.isEmpty());
            assertThat(Duration.between(left, provider.cancelled.get(0))).isLessThan(Duration.ofSeconds(1));

            JsonNode event = usageEvent(broker, usage, response.headers().firstValue("x-request-id").orElseThrow());
            assertThat(event.get("outcome").asText()).isEqualTo("CANCELLED");
            assertThat(event.get("estimated").asBoolean()).isTrue();
            assertThat(event.get("tokens").get("completion").asLong()).isPositive();
        }
    }

    @Test
    void aSlowClientPausesTheProviderInsteadOfBeingBufferedFor() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        AtomicInteger written = new AtomicInteger();
        int chunks = 60_000; // about 32 MB: more than the sockets on the way can hold
        FakeUpstream.Tenant provider = upstream.tenant().then(FakeUpstream.flood(chunks, "x".repeat(500), written));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        String body = "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}";
        try (java.net.Socket client = new java.net.Socket()) {
            client.setReceiveBufferSize(4096); // a client that reads slowly, and buffers little
            client.connect(new java.net.InetSocketAddress(chatUrl.getHost(), chatUrl.getPort()));
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + setup.key + "\r\ncontent-type: application/json\r\ncontent-length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            InputStream in = client.getInputStream();
            assertThat(in.read(new byte[100])).isPositive();

            int[] last = {-1};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int now = written.get();
                boolean still = now == last[0];
                last[0] = now;
                return still || now == chunks;
            });
            assertThat(written.get()).as("the provider is held back while the client does not read").isLessThan(chunks);

            byte[] buffer = new byte[65536];
            long total = 0;
            while (written.get() < chunks || total < (long) chunks * 500) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                total += read;
                if (new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8).contains("[DONE]")) {
                    break;
                }
            }
            assertThat(written.get()).as("every chunk goes out once the client reads").isEqualTo(chunks);
        }
    }

    @Test
    void aClientThatLeavesBeforeTheFirstTokenCancelsTheProviderCallWithinOneSecond() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().then(hang());
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        HttpClient client = HttpClient.newHttpClient();
        var pending = client.sendAsync(request(setup.key, "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}"),
                HttpResponse.BodyHandlers.ofInputStream());
        await().atMost(Duration.ofSeconds(5)).until(() -> !provider.received.isEmpty());
        Instant left = Instant.now();
        pending.cancel(true);
        client.shutdownNow();
        await().atMost(Duration.ofSeconds(1)).until(() -> !provider.cancelled.isEmpty());
        assertThat(Duration.between(left, provider.cancelled.get(0))).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDeploymentThatKeepsFailingIsSkippedWhileItsCircuitIsOpenAndProbedAfterwards() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant flaky = upstream.tenant().always(json(500, error("down", "server_error", null)));
        FakeUpstream.Tenant backup = upstream.tenant().always(json(200, completion("backup", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(flaky.baseUrl(), Map.of()), 0),
                        GatewaySetup.deployment(setup.provider(backup.baseUrl(), Map.of()), 1)),
                Map.of("retry", Map.of("attempts", 1, "backoffMs", 10)));
        String body = "{\"model\":\"" + model + "\"," + HI + "}";

        for (int i = 0; i < 3; i++) { // the profile's threshold
            chat(setup.key, body).then().statusCode(200).body("choices[0].message.content", equalTo("backup"));
        }
        assertThat(flaky.received).hasSize(3);
        chat(setup.key, body).then().statusCode(200);
        chat(setup.key, body).then().statusCode(200);
        assertThat(flaky.received).as("open circuit: not called").hasSize(3);

        flaky.always(json(200, completion("recovered", 1, 1)));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(
                () -> "recovered".equals(chat(setup.key, body).then().extract().path("choices[0].message.content")));
        chat(setup.key, body).then().body("choices[0].message.content", equalTo("recovered"));
    }

    private HttpResponse<InputStream> send(String key, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(key, body), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String key, String body) {
        return HttpRequest.newBuilder(chatUrl).header("Authorization", "Bearer " + key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
