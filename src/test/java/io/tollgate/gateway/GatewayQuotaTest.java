package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static io.tollgate.gateway.ChatCompletionsTest.chat;
import static io.tollgate.gateway.FakeUpstream.chunk;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.json;
import static io.tollgate.gateway.FakeUpstream.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.testing.Broker;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quotas as clients of /v1 meet them: OpenAI's 429s and headers, budgets, slots freed by a disconnect. */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class GatewayQuotaTest {

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
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

    @Test
    void aKeyOverItsRequestLimitGetsOpenAisRateLimitAnswer() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(json(200, completion("ok", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        setup.root.request().contentType("application/json").body(Map.of("requestsPerMinute", 1))
                .put("/admin/v1/orgs/" + setup.org + "/keys/" + setup.keyId() + "/limits").then().statusCode(200);
        String body = "{\"model\":\"" + model + "\"," + HI + "}";
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(chat(setup.key, body).header("x-ratelimit-limit-requests")));

        chat(setup.key, body).then().statusCode(429).body("error.code", equalTo("rate_limit_exceeded"))
                .header("retry-after", notNullValue()).header("x-ratelimit-limit-requests", "1")
                .header("x-ratelimit-remaining-requests", "0").header("x-ratelimit-reset-requests", notNullValue())
                .header("x-ratelimit-limit-tokens", notNullValue());
        assertThatThrownBy(() -> OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey(setup.key).maxRetries(0).build()
                .chat().completions().create(ChatCompletionCreateParams.builder().model(model).addUserMessage("Hi").build()))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(json(200, completion("ok", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());

        chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}").then().statusCode(200)
                .header("x-ratelimit-limit-requests", notNullValue()).header("x-ratelimit-remaining-requests", notNullValue())
                .header("x-ratelimit-reset-requests", notNullValue()).header("x-ratelimit-limit-tokens", notNullValue())
                .header("x-ratelimit-remaining-tokens", notNullValue()).header("x-ratelimit-reset-tokens", notNullValue());
        chat(setup.key, "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}").then().statusCode(200)
                .header("x-ratelimit-remaining-requests", notNullValue());
    }

    @Test
    void aSpentBudgetAnswersInsufficientQuotaWhichTheSdkDoesNotRetry() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(json(200, completion("ok", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        setup.root.request().contentType("application/json").body(Map.of("daily", "1.00", "currency", "USD"))
                .put("/admin/v1/orgs/" + setup.org + "/budgets").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SpendUpdated spent = new SpendUpdated(UUID.randomUUID(), setup.org, "USD", today, "1.20", YearMonth.from(today), "1.20",
                Instant.now());
        try (Broker broker = Broker.connect()) {
            broker.publish("tollgate.events", SpendUpdated.TYPE, CloudEvents.CONTENT_TYPE, CloudEvents.serialize(
                    CloudEvents.build(spent.updateId(), "metering", SpendUpdated.TYPE, spent.subject(), setup.org,
                            OffsetDateTime.now(ZoneOffset.UTC), new ObjectMapper().findAndRegisterModules().writeValueAsBytes(spent))));
        }
        String body = "{\"model\":\"" + model + "\"," + HI + "}";
        await().atMost(Duration.ofSeconds(10)).until(() -> chat(setup.key, body).statusCode() == 429);
        chat(setup.key, body).then().statusCode(429).body("error.code", equalTo("insufficient_quota"))
                .header("x-should-retry", "false");

        int before = provider.received.size();
        Instant start = Instant.now();
        assertThatThrownBy(() -> OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey(setup.key).maxRetries(3).build()
                .chat().completions().create(ChatCompletionCreateParams.builder().model(model).addUserMessage("Hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.code()).contains("insufficient_quota"));
        assertThat(Duration.between(start, Instant.now())).as("no backoff-and-retry by the SDK").isLessThan(Duration.ofMillis(400));
        assertThat(provider.received).hasSize(before);
    }

    @Test
    void aClientThatLeavesMidStreamFreesItsConcurrencySlot() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        List<String> slow = IntStream.range(0, 100).mapToObj(i -> chunk("t" + i)).toList();
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ofMillis(100), slow))
                .always(json(200, completion("next", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        setup.root.request().contentType("application/json").body(Map.of("maxConcurrent", 1))
                .put("/admin/v1/orgs/" + setup.org + "/limits").then().statusCode(200);
        String streaming = "{\"model\":\"" + model + "\",\"stream\":true," + HI + "}";

        HttpResponse<InputStream> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(v1 + "/chat/completions")).header("Authorization", "Bearer " + setup.key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(streaming)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = open.body()) {
            body.read(new byte[20]);
            await().atMost(Duration.ofSeconds(5)).until(() -> chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}")
                    .statusCode() == 429);
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> chat(setup.key, "{\"model\":\"" + model + "\"," + HI + "}")
                .statusCode() == 200);
    }
}
