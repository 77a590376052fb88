package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant with an inference key, and catalog entries pointing at fake providers, made through the real APIs. */
final class GatewaySetup {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Session root;
    final UUID org;
    final String key;
    private final Map<String, String> modelIds = new java.util.HashMap<>();

    GatewaySetup() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
        key = root.request().contentType("application/json").body(Map.of("name", "gw", "scopes", List.of("inference")))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
    }

    /** The id of this tenant's key. */
    String keyId() {
        return root.request().get("/admin/v1/orgs/" + org + "/keys").then().statusCode(200).extract().path("items[0].id");
    }

    /** An OpenAI-compatible provider at {@code baseUrl} with fields such as timeouts or apiKey; returns its id. */
    String provider(String baseUrl, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("name", Unique.slug("fake"));
        body.putIfAbsent("type", "openai");
        if (baseUrl != null) {
            body.put("baseUrl", baseUrl);
        }
        return root.request().contentType("application/json").body(json(body)).post("/admin/v1/providers")
                .then().statusCode(201).extract().path("id");
    }

    /** A deployment of {@code provider} at {@code priority}. */
    static Map<String, Object> deployment(String provider, int priority) {
        return Map.of("provider", provider, "upstreamModel", "up-model", "weight", 1, "priority", priority);
    }

    /** A model of this tenant's organisation; waits until the gateway routes it. */
    String model(List<Map<String, Object>> deployments, Map<String, Object> fields) {
        String name = Unique.slug("m");
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("name", name);
        body.put("orgId", org.toString());
        body.put("deployments", deployments);
        modelIds.put(name, root.request().contentType("application/json").body(json(body)).post("/admin/v1/models")
                .then().statusCode(201).extract().path("id"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().header("Authorization", "Bearer " + key).get("/v1/models/" + name).statusCode() == 200);
        return name;
    }

    /** Prices {@code model} (per million tokens, from now); the gateway applies it after its next snapshot refresh. */
    void price(String model, String inputPer1M, String outputPer1M, String currency) {
        root.request().contentType("application/json")
                .body(Map.of("inputPer1M", inputPer1M, "outputPer1M", outputPer1M, "currency", currency))
                .post("/admin/v1/models/" + modelIds.get(model) + "/prices").then().statusCode(201);
    }

    /** Sets the organisation's daily budget. */
    void dailyBudget(String amount, String currency) {
        root.request().contentType("application/json").body(Map.of("daily", amount, "currency", currency))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
    }

    /** Today's spend in Redis as the consumption API reports it: spent and reserved, in the budget's currency. */
    Map<String, String> spentToday() {
        return root.request().get("/admin/v1/orgs/" + org + "/consumption").then().statusCode(200)
                .extract().path("budget.daily");
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
