package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static io.tollgate.gateway.FakeUpstream.completion;
import static io.tollgate.gateway.FakeUpstream.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests get the right status in the OpenAI envelope, and none of them reaches the provider. */
@QuarkusTest
@TestProfile(UpstreamsOnLoopback.class)
class GatewayBadInputTest {

    private static FakeUpstream upstream;
    private static FakeUpstream.Tenant provider;
    private static GatewaySetup setup;
    private static String model;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        provider = upstream.tenant().always(json(200, completion("should not be called", 1, 1)));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private String model() {
        if (setup == null) {
            setup = new GatewaySetup();
            model = setup.model(List.of(GatewaySetup.deployment(setup.provider(provider.baseUrl(), Map.of()), 0)), Map.of());
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "missing model          | {\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}                          | 400 | invalid_value | model",
            "model not a string     | {\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}                | 400 | invalid_value | model",
            "absent messages        | {\"model\":\"MODEL\"}                                                           | 400 | invalid_value | messages",
            "empty messages         | {\"model\":\"MODEL\",\"messages\":[]}                                            | 400 | invalid_value | messages",
            "message without role   | {\"model\":\"MODEL\",\"messages\":[{\"content\":\"Hi\"}]}                           | 400 | invalid_value | messages[0].role",
            "max_tokens a string    | {\"model\":\"MODEL\",\"max_tokens\":\"100\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | 400 | invalid_value | max_tokens",
            "max_tokens negative    | {\"model\":\"MODEL\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}    | 400 | invalid_value | max_tokens",
            "temperature 3          | {\"model\":\"MODEL\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}   | 400 | invalid_value | temperature",
            "n 1000                 | {\"model\":\"MODEL\",\"n\":1000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}          | 400 | invalid_value | n",
            "stream a string        | {\"model\":\"MODEL\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}  | 400 | invalid_value | stream",
            "stop of 5              | {\"model\":\"MODEL\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | 400 | invalid_value | stop",
            "smuggled api_base      | {\"model\":\"MODEL\",\"api_base\":\"http://evil\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | 400 | invalid_value | api_base",
            "smuggled api_key       | {\"model\":\"MODEL\",\"api_key\":\"sk-x\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | 400 | invalid_value | api_key",
            "smuggled base_url      | {\"model\":\"MODEL\",\"base_url\":\"http://evil\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | 400 | invalid_value | base_url",
            "malformed JSON         | {\"model\":                                                                     | 400 | invalid_json  | ",
            "not an object          | [1,2,3]                                                                         | 400 | invalid_json  | ",
            "unknown model          | {\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}  | 404 | model_not_found | model",
    })
    void badChatRequestsAreRefusedBeforeAnyProviderCall(String name, String body, int status, String code, String param) {
        String key = setupKey();
        int before = provider.received.size();
        var response = given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body(body.replace("MODEL", model())).post("/v1/chat/completions");
        response.then().statusCode(status).contentType("application/json").body("error.code", equalTo(code))
                .body("error.type", equalTo("invalid_request_error")).header("x-request-id", org.hamcrest.Matchers.notNullValue());
        if (param != null) {
            response.then().body("error.param", equalTo(param));
        }
        assertThat(provider.received).hasSize(before);
    }

    @Test
    void invalidUtf8TextPlainAndOversizedBodiesAreRefused() {
        String key = setupKey();
        int before = provider.received.size();
        byte[] invalidUtf8 = ("{\"model\":\"" + model() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(invalidUtf8, invalidUtf8.length + 6);
        System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', ']', '}'}, 0, body, invalidUtf8.length, 6);
        given().header("Authorization", "Bearer " + key).contentType("application/json").body(body)
                .post("/v1/chat/completions").then().statusCode(400).body("error.code", equalTo("invalid_json"));

        given().header("Authorization", "Bearer " + key).contentType("text/plain").body("hello")
                .post("/v1/chat/completions").then().statusCode(415).body("error.message", containsString("application/json"));

        String huge = "{\"model\":\"" + model() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}]}";
        given().header("Authorization", "Bearer " + key).contentType("application/json").body(huge)
                .post("/v1/chat/completions").then().statusCode(413);
        assertThat(provider.received).hasSize(before);
    }

    @Test
    void embeddingsAndCompletionsCheckTheirOwnRequiredFields() {
        String key = setupKey();
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model() + "\"}").post("/v1/embeddings")
                .then().statusCode(400).body("error.param", equalTo("input"));
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model() + "\",\"input\":\"hello\"}").post("/v1/embeddings")
                .then().statusCode(400).body("error.code", equalTo("model_not_supported"));
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"" + model() + "\"}").post("/v1/completions")
                .then().statusCode(400).body("error.param", equalTo("prompt"));
    }

    @Test
    void withoutAKeyNothingIsParsedOrRouted() {
        given().contentType("application/json").body("{\"model\":").post("/v1/chat/completions")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
    }

    private String setupKey() {
        model();
        return setup.key;
    }
}
