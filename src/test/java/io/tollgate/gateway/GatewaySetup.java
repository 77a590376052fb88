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
        root.request().contentType("application/json").body(json(body)).post("/admin/v1/models").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().header("Authorization", "Bearer " + key).get("/v1/models/" + name).statusCode() == 200);
        return name;
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
