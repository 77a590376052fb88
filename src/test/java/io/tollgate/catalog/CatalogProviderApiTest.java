package io.tollgate.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CatalogProviderApiTest {

    static final String ORG_A = "0190a0b4-0000-7000-8000-00000000ca7a";
    static final String ORG_B = "0190a0b4-0000-7000-8000-00000000ca7b";

    @Inject
    @ReactiveDataSource("catalog")
    Pool catalog;

    static String provider(String name, String orgId, String baseUrl, String apiKey) {
        return "{" + (orgId == null ? "" : "\"orgId\":\"" + orgId + "\",") + "\"name\":\"" + name
                + "\",\"type\":\"openai\",\"baseUrl\":\"" + baseUrl + "\""
                + (apiKey == null ? "" : ",\"apiKey\":\"" + apiKey + "\"") + "}";
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void credentialNeverAppearsInResponsesLogsEventsOrStorage() {
        String secret = "sk-live-" + UUID.randomUUID() + "WXYZ";
        try (CapturedLogs logs = CapturedLogs.install()) {
            String id = given().contentType("application/json")
                    .body(provider(Unique.slug("openai"), null, "https://" + TestDns.PUBLIC_HOST + "/v1", secret))
                    .post("/admin/v1/providers")
                    .then().statusCode(201).header("etag", "\"1\"")
                    .body("apiKeyLast4", equalTo("WXYZ")).body("hasCredential", equalTo(true))
                    .body(not(containsString(secret))).body("apiKey", nullValue())
                    .extract().path("id");
            given().get("/admin/v1/providers/" + id).then().statusCode(200).body(not(containsString(secret)));
            given().get("/admin/v1/providers?limit=100").then().statusCode(200).body(not(containsString(secret)));
            given().contentType("application/json").body("{\"apiKey\":\"" + secret + "\",\"maxConcurrent\":-1}")
                    .patch("/admin/v1/providers/" + id).then().statusCode(400).body(not(containsString(secret)));
            given().contentType("application/json").body("{\"apiKey\":\"" + secret + "\",\"baseUrl\":\"http://169.254.169.254\"}")
                    .patch("/admin/v1/providers/" + id).then().statusCode(422).body(not(containsString(secret)));

            var stored = catalog.preparedQuery("SELECT credential_ciphertext, credential_key_id FROM providers WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next();
            byte[] ciphertext = stored.getBuffer("credential_ciphertext").getBytes();
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            assertThat(stored.getString("credential_key_id")).isEqualTo("local-dev-only");
            long eventsWithSecret = catalog.preparedQuery("SELECT count(*) FROM outbox WHERE data::text LIKE $1")
                    .execute(Tuple.of("%" + secret.substring(3, 20) + "%")).await().indefinitely().iterator().next().getLong(0);
            assertThat(eventsWithSecret).isZero();
            assertThat(logs.size()).isPositive();
            assertThat(logs.all()).doesNotContain(secret).doesNotContain(secret.substring(0, 20));
        }
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void updateNeedsTheCurrentETagWhenOneIsGiven() {
        String id = given().contentType("application/json")
                .body(provider(Unique.slug("etag"), null, "https://" + TestDns.PUBLIC_HOST, null))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        given().contentType("application/json").header("If-Match", "\"1\"").body("{\"maxConcurrent\":8}")
                .patch("/admin/v1/providers/" + id).then().statusCode(200).header("etag", "\"2\"")
                .body("maxConcurrent", equalTo(8)).body("version", equalTo(2));
        given().contentType("application/json").header("If-Match", "\"1\"").body("{\"maxConcurrent\":9}")
                .patch("/admin/v1/providers/" + id).then().statusCode(412)
                .body("type", equalTo("https://tollgate.io/problems/precondition-failed"));
        given().contentType("application/json").body("{\"timeouts\":{\"connectMs\":1000}}")
                .patch("/admin/v1/providers/" + id).then().statusCode(200).body("timeouts.connectMs", equalTo(1000))
                .body("timeouts.totalMs", equalTo(600000));
        given().header("If-Match", "\"2\"").delete("/admin/v1/providers/" + id).then().statusCode(412);
        given().delete("/admin/v1/providers/" + id).then().statusCode(204);
        given().get("/admin/v1/providers/" + id).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://169.254.169.254/latest/meta-data, link-local",
            "http://[fd00:ec2::254]/, link-local",
            "http://metadata.google.internal/computeMetadata/v1, metadata",
            "ftp://files.example.com/models, http or https",
            "file:///etc/passwd, http or https",
            "https://user:pass@api.provider.test/v1, user info",
            "http://127.0.0.1:11434, loopback",
            "http://[::1]:8000/v1, loopback",
            "http://[::ffff:127.0.0.1]/v1, loopback",
            "http://10.0.0.8:8000/v1, private network",
            "http://192.168.1.20/v1, private network",
            "https://internal.provider.test/v1, private network",
            "https://metadata.provider.test/, link-local",
            "https://nowhere.invalid/v1, does not resolve" })
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void unsafeBaseUrlIsUnprocessableNamingBaseUrl(String url, String reason) {
        given().contentType("application/json").body(provider(Unique.slug("ssrf"), null, url, "sk-test-123456789"))
                .post("/admin/v1/providers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/unprocessable"))
                .body("errors.baseUrl", containsString(reason));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void invalidFieldsAreAllListed() {
        given().contentType("application/json")
                .body("{\"name\":\"bad name!\",\"type\":\"bedrock\",\"timeouts\":{\"connectMs\":0},\"maxConcurrent\":0,"
                        + "\"extraHeaders\":{\"Authorization\":\"x\"}}")
                .post("/admin/v1/providers").then().statusCode(400)
                .body("errors", hasKey("name")).body("errors", hasKey("type"))
                .body("errors", hasKey("timeouts.connectMs")).body("errors", hasKey("maxConcurrent"))
                .body("errors", hasKey("extraHeaders.Authorization"));
        given().contentType("application/json").body("{\"name\":\"az\",\"type\":\"azure-openai\",\"baseUrl\":\"https://api.provider.test\"}")
                .post("/admin/v1/providers").then().statusCode(400)
                .body("errors", hasKey("apiVersion")).body("errors", hasKey("apiKey"));
        given().contentType("application/json").body("{\"name\":\"x\",\"type\":\"openai\",\"maxConcurrent\":\"many\"}")
                .post("/admin/v1/providers").then().statusCode(400).body("errors", hasKey("maxConcurrent"));
        given().contentType("application/json").body("{\"name\":\"x\",\"type\":\"openai\",\"id\":\"x\"}")
                .post("/admin/v1/providers").then().statusCode(400).body("errors.id", equalTo("unknown or read-only field"));
        given().contentType("text/plain").body("x").post("/admin/v1/providers").then().statusCode(415);
        given().get("/admin/v1/providers/not-a-uuid").then().statusCode(404);
        given().queryParam("limit", 0).get("/admin/v1/providers").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void duplicateNameOfTheSameOwnerIsAConflict() {
        String body = provider(Unique.slug("twice"), null, "https://" + TestDns.PUBLIC_HOST, null);
        given().contentType("application/json").body(body).post("/admin/v1/providers").then().statusCode(201);
        given().contentType("application/json").body(body).post("/admin/v1/providers").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "dev", roles = "developer@" + ORG_A, augmentors = GrantsAugmentor.class)
    void developerMayReadButNotWriteAndNeverSeesAnotherOrganisation() {
        given().contentType("application/json").body(provider(Unique.slug("mine"), ORG_A, "https://" + TestDns.PUBLIC_HOST, null))
                .post("/admin/v1/providers").then().statusCode(403);
        given().contentType("application/json").body(provider(Unique.slug("platform"), null, "https://" + TestDns.PUBLIC_HOST, null))
                .post("/admin/v1/providers").then().statusCode(403);
        given().contentType("application/json").body(provider(Unique.slug("theirs"), ORG_B, "https://" + TestDns.PUBLIC_HOST, null))
                .post("/admin/v1/providers").then().statusCode(404);
        given().get("/admin/v1/providers").then().statusCode(200);
        given().post("/admin/v1/credential-rotations").then().statusCode(403);
    }

    @Test
    void anonymousCallerIsUnauthenticated() {
        given().get("/admin/v1/providers").then().statusCode(401);
        given().get("/admin/v1/models").then().statusCode(401);
    }
}
