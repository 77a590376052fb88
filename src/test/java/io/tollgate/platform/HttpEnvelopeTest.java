package io.tollgate.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import org.junit.jupiter.api.Test;

/** Failures the framework and Vert.x produce answer in the caller's envelope, never as bare or HTML errors. */
@QuarkusTest
class HttpEnvelopeTest {

    private static final byte[] OVERSIZED = new byte[10 * 1024 * 1024 + 1];

    @Test
    void unknownV1RouteAnswersInTheOpenAiEnvelope() {
        given().get("/v1/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("not_found"))
                .body("error.param", nullValue())
                .body("status", equalTo(404));
    }

    @Test
    void unknownAdminRouteAnswersWithProblemDetails() {
        given().get("/admin/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/not-found"))
                .body("instance", equalTo("/admin/v1/no-such-thing"));
    }

    @Test
    void oversizedBodyIs413InEitherEnvelope() {
        given().contentType("application/json").body(OVERSIZED).post("/v1/chat/completions")
                .then().statusCode(413).contentType("application/json").body("error.code", equalTo("request_too_large"));
        given().contentType("application/json").body(OVERSIZED).post("/admin/v1/orgs")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/payload-too-large"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void oversizedChunkedBodyIs413Too() {
        given().contentType("application/json").body(new java.io.ByteArrayInputStream(OVERSIZED))
                .post("/admin/v1/orgs").then().statusCode(413);
    }

    @Test
    void wrongMethodIs405() {
        given().delete("/admin/v1/orgs").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void everyResponseCarriesARequestIdAndEchoesASaneOne() {
        given().get("/health").then().header("x-request-id", matchesPattern("[0-9a-f-]{36}"));
        given().header("x-request-id", "client-id-42").get("/admin/v1/nothing")
                .then().header("x-request-id", "client-id-42").body("requestId", equalTo("client-id-42"));
        given().header("x-request-id", "bad id with spaces\u0001").get("/health")
                .then().header("x-request-id", matchesPattern("[0-9a-f-]{36}"));
    }
}
