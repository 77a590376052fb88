package io.tollgate.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The primary journey, end to end through the real APIs, broker, databases and Redis: an administrator sets up
 * an organisation, a project, a member and a key; the OpenAI SDK calls /v1 (JSON and streaming); the usage API
 * and the audit trail then show exactly those calls and actions. (The bootstrap superadmin itself is covered by
 * FirstStartTest; here a superadmin is created directly, since this database outlives the test.)
 */
@QuarkusTest
class PrimaryJourneyTest {

    @TestHTTPResource("/v1")
    URL v1;

    @Test
    void anAdministratorSetsUpATeamWhoseSdkCallsAreMeteredAndAudited() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS); // the usage API answers for whole UTC hours
        Session admin = Accounts.superadmin();
        String org = admin.request().contentType("application/json")
                .body(Map.of("slug", Unique.slug("journey"), "name", "Journey"))
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");
        String project = admin.request().contentType("application/json")
                .body(Map.of("slug", Unique.slug("chatbot"), "name", "Chatbot"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(201).extract().path("id");
        String email = Unique.slug("dev") + "@journey.example";
        admin.request().contentType("application/json")
                .body(Map.of("email", email, "displayName", "Dev", "password", "a-long-enough-passphrase"))
                .post("/admin/v1/users").then().statusCode(201);
        admin.request().contentType("application/json").body(Map.of("email", email, "role", "developer"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(201);
        var issued = admin.request().contentType("application/json").body(Map.of("name", "chatbot prod", "projectId", project))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract();
        String key = issued.path("key");
        String keyId = issued.path("id");

        String provider = admin.request().contentType("application/json")
                .body(Map.of("orgId", org, "name", Unique.slug("sim"), "type", "simulator",
                        "extraHeaders", Map.of("x-simulator-ttft-ms", "5", "x-simulator-inter-token-ms", "1")))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        String model = Unique.slug("journey-model");
        String modelId = admin.request().contentType("application/json")
                .body(Map.of("orgId", org, "name", model, "deployments", List.of(Map.of("provider", provider, "upstreamModel", "sim"))))
                .post("/admin/v1/models").then().statusCode(201).extract().path("id");
        admin.request().contentType("application/json")
                .body(Map.of("inputPer1M", "2.00", "outputPer1M", "8.00", "currency", "USD"))
                .post("/admin/v1/models/" + modelId + "/prices").then().statusCode(201);

        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey(key).maxRetries(0).build();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
                () -> sdk.models().list().data().stream().anyMatch(m -> m.id().equals(model)));
        ChatCompletion json = sdk.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Hello there").build());
        CompletionUsage jsonUsage = json.usage().orElseThrow();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(ChatCompletionCreateParams
                .builder().model(model).addUserMessage("Stream it").maxCompletionTokens(10)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        CompletionUsage streamUsage = chunks.get(chunks.size() - 1).usage().orElseThrow();

        long prompt = jsonUsage.promptTokens() + streamUsage.promptTokens();
        long completion = jsonUsage.completionTokens() + streamUsage.completionTokens();
        BigDecimal cost = BigDecimal.valueOf(prompt).multiply(new BigDecimal("2.00"))
                .add(BigDecimal.valueOf(completion).multiply(new BigDecimal("8.00")))
                .divide(BigDecimal.valueOf(1_000_000));
        String window = "from=" + start + "&to=" + start.plus(2, ChronoUnit.HOURS);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.request().get("/admin/v1/orgs/" + org + "/usage?" + window)
                .then().statusCode(200).extract().jsonPath().getLong("totals.requests") == 2);
        JsonPath usage = admin.request().get("/admin/v1/orgs/" + org + "/usage?" + window + "&groupBy=key")
                .then().statusCode(200).extract().jsonPath();
        assertThat(usage.getLong("totals.promptTokens")).isEqualTo(prompt);
        assertThat(usage.getLong("totals.completionTokens")).isEqualTo(completion);
        assertThat(usage.getLong("totals.unpricedRequests")).isZero();
        assertThat(new BigDecimal(usage.getString("totals.cost"))).isEqualByComparingTo(cost);
        assertThat(usage.getList("groups.group")).containsExactly(keyId);

        String requestId = given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Third\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().header("x-request-id");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.request()
                .get("/admin/v1/orgs/" + org + "/usage/requests/" + requestId).statusCode() == 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> actions(admin, org).containsAll(List.of(
                "identity.org-created.v1", "identity.project-created.v1", "identity.member-role-set.v1", "keys.key-issued.v1")));
        JsonPath audit = admin.request().get("/admin/v1/orgs/" + org + "/audit?actor=" + admin.userId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.action", String.class)).contains("identity.org-created.v1", "keys.key-issued.v1");
        given().header("Authorization", "Bearer " + admin.accessToken()).get("/admin/v1/audit/verify?orgId=" + org)
                .then().statusCode(200);
    }

    private static List<String> actions(Session admin, String org) {
        return admin.request().get("/admin/v1/orgs/" + org + "/audit?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("items.action", String.class);
    }
}
