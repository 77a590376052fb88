package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static io.tollgate.gateway.ChatCompletionsTest.chat;
import static io.tollgate.gateway.FakeUpstream.chunk;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.delayed;
import static io.tollgate.gateway.FakeUpstream.done;
import static io.tollgate.gateway.FakeUpstream.finish;
import static io.tollgate.gateway.FakeUpstream.usageChunk;
import static io.tollgate.gateway.FakeUpstream.json;
import static io.tollgate.gateway.FakeUpstream.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.catalog.api.RoutingSnapshotReader;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.testing.Broker;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigDecimal;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quotas as clients of /v1 meet them: OpenAI's 429s and headers, budgets, slots freed by a disconnect. */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class GatewayQuotaTest {

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeUpstream upstream;

    @TestHTTPResource("/v1")
    URL v1;

    @Inject
    RoutingSnapshotReader routes;

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

    @Test
    void withBudgetForOneRequestFiftyParallelRequestsOverspendByAtMostOneReservation() {
        GatewaySetup setup = new GatewaySetup();
        // Answers after a second, so that the admitted requests are still in flight while the others reserve.
        FakeUpstream.Tenant provider = upstream.tenant().always(delayed(Duration.ofSeconds(1), json(200, completion("ok", 5, 1000))));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        // Input is free and output costs 1 USD per million tokens: max_tokens 1000 reserves exactly 1000 micros.
        setup.price(model, "0", "1", "USD");
        awaitPriced(model);
        long reservation = 1_000;
        setup.dailyBudget("0.0015", "USD");

        List<CompletableFuture<HttpResponse<String>>> race = IntStream.range(0, 50)
                .mapToObj(i -> send(setup.key, "{\"model\":\"" + model + "\",\"max_tokens\":1000," + HI + "}")).toList();
        List<HttpResponse<String>> answers = race.stream().map(CompletableFuture::join).toList();

        // Admitted while anything is left (spent + held < limit): 0 < 1500 and 1000 < 1500, then 2000 ≥ 1500.
        assertThat(answers).filteredOn(a -> a.statusCode() == 200).hasSize(2);
        assertThat(answers).filteredOn(a -> a.statusCode() != 200)
                .allSatisfy(a -> assertThat(a.body()).contains("insufficient_quota")).hasSize(48);
        await().atMost(Duration.ofSeconds(20)).until(() -> setup.spentToday().get("reserved").equals("0")
                && setup.spentToday().get("spent").equals("0.002"));
        BigDecimal spent = new BigDecimal(setup.spentToday().get("spent"));
        assertThat(spent).as("the documented bound: the budget plus one reservation")
                .isLessThanOrEqualTo(new BigDecimal("0.0015").add(BigDecimal.valueOf(reservation, 6)));
        assertThat(provider.received).hasSize(2);
    }

    @Test
    void aPriceInAnotherCurrencyThanTheBudgetIsRefusedAndAnUnpricedModelIsAdmitted() {
        GatewaySetup setup = new GatewaySetup();
        FakeUpstream.Tenant provider = upstream.tenant().always(json(200, completion("ok", 1, 1)));
        String providerId = setup.provider(provider.baseUrl(), Map.of());
        String inDollars = setup.model(List.of(GatewaySetup.deployment(providerId, 0)), Map.of());
        String unpriced = setup.model(List.of(GatewaySetup.deployment(providerId, 0)), Map.of());
        setup.price(inDollars, "1", "1", "USD");
        awaitPriced(inDollars);
        setup.dailyBudget("10", "EUR");

        await().atMost(Duration.ofSeconds(10)).until(() -> chat(setup.key, "{\"model\":\"" + inDollars + "\"," + HI + "}")
                .statusCode() == 403);
        chat(setup.key, "{\"model\":\"" + inDollars + "\"," + HI + "}").then().statusCode(403)
                .body("error.code", equalTo("budget_currency_mismatch"))
                .body("error.message", containsString("priced in USD but the organisation's budget is in EUR"));
        chat(setup.key, "{\"model\":\"" + unpriced + "\"," + HI + "}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> setup.spentToday().get("reserved").equals("0"));
        assertThat(setup.spentToday()).containsEntry("spent", "0");
    }

    @Test
    void aStreamHoldsItsEstimateWhileInFlightThenSettlesToTheRealTokenCount() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        List<String> frames = List.of(chunk("a"), chunk("b"), finish(), usageChunk(7, 3), done());
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ofMillis(400), frames))
                .always(json(200, completion("ok", 1, 1)));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        // Projected before the answer, and this key's definitions are not cached yet: the stream meets the limit.
        setup.root.request().contentType("application/json").body(Map.of("tokensPerMinute", 1000))
                .put("/admin/v1/orgs/" + setup.org + "/keys/" + setup.keyId() + "/limits").then().statusCode(200);
        String big = "{\"model\":\"" + model + "\",\"max_tokens\":900," + HI + "}";

        CompletableFuture<HttpResponse<String>> streaming = send(setup.key,
                "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"max_tokens\":900," + HI + "}");
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.received.size() == 1);
        // The stream holds its ~900 tokens while in flight.
        chat(setup.key, big).then().statusCode(429)
                .body("error.code", equalTo("rate_limit_exceeded"));

        assertThat(streaming.get(10, TimeUnit.SECONDS).body()).contains("\"completion_tokens\":3");
        // Settled to its 10 real tokens: another 900 fit in the minute's 1000 again.
        await().atMost(Duration.ofSeconds(3)).until(() -> chat(setup.key, big).statusCode() == 200);
    }

    @Test
    void aClientThatLeavesMidStreamIsChargedTheTokensGeneratedSoFar() throws Exception {
        GatewaySetup setup = new GatewaySetup();
        List<String> slow = IntStream.range(0, 100).mapToObj(i -> chunk("t" + i)).toList();
        FakeUpstream.Tenant provider = upstream.tenant().then(stream(Duration.ofMillis(100), slow));
        String model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        // 1 USD per output token, input free: the spend counts the completion tokens exactly.
        setup.price(model, "0", "1000000", "USD");
        awaitPriced(model);
        setup.dailyBudget("100000", "USD");

        HttpResponse<InputStream> open = CLIENT.send(HttpRequest.newBuilder(
                        java.net.URI.create(v1 + "/chat/completions")).header("Authorization", "Bearer " + setup.key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":500," + HI + "}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = open.body()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> new BigDecimal(setup.spentToday().get("reserved")).signum() > 0);
            assertThat(new BigDecimal(setup.spentToday().get("reserved"))).as("max_tokens at 1 USD each")
                    .isEqualByComparingTo("500");
            body.readNBytes(600);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> setup.spentToday().get("reserved").equals("0"));
        BigDecimal spent = new BigDecimal(setup.spentToday().get("spent"));
        assertThat(spent).as("the tokens generated before the client left, not the reservation, not nothing")
                .isPositive().isLessThan(new BigDecimal("100"));
        assertThat(spent.stripTrailingZeros().scale()).as("whole tokens at 1 USD each").isLessThanOrEqualTo(0);
    }

    private void awaitPriced(String model) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            routes.refresh().await().indefinitely();
            return routes.current().map(s -> s.models().get(model))
                    .map(route -> !route.deployments().getFirst().prices().isEmpty()).orElse(false);
        });
    }

    private CompletableFuture<HttpResponse<String>> send(String key, String body) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(java.net.URI.create(v1 + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
