package io.tollgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.platform.error.ErrorEnvelope;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ErrorEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void v1PathsGetTheOpenAiEnvelopeWithFieldsInTheMessage() throws Exception {
        var failure = new TollgateException(ErrorKind.VALIDATION, "Invalid body", Map.of("temperature", "must be ≤ 2"),
                null, "temperature");
        var rendered = ErrorEnvelope.render("/v1/chat/completions", "req-1", failure);

        assertThat(rendered.status()).isEqualTo(400);
        assertThat(rendered.mediaType()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(rendered.body());
        assertThat(body.at("/error/message").asText()).isEqualTo("Invalid body: temperature: must be ≤ 2");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/param").asText()).isEqualTo("temperature");
        assertThat(body.at("/error/code").asText()).isEqualTo("invalid_value");
        assertThat(body.at("/status").asInt()).isEqualTo(400);
        assertThat(body.at("/type").asText()).isEqualTo("https://tollgate.io/problems/validation");
    }

    @Test
    void aSpecificCodeOverridesTheKindsDefaultAndNullsStayExplicit() throws Exception {
        var failure = new TollgateException(ErrorKind.NOT_FOUND, "The model 'x' does not exist", Map.of(),
                "model_not_found", null);
        JsonNode body = JSON.readTree(ErrorEnvelope.render("/v1/models/x", null, failure).body());
        assertThat(body.at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(body.get("error").has("param")).isTrue();
        assertThat(body.at("/error/param").isNull()).isTrue();
    }

    @Test
    void otherPathsGetProblemDetails() throws Exception {
        var rendered = ErrorEnvelope.render("/admin/v1/orgs", "req-2", TollgateException.invalid(Map.of("slug", "is required")));
        assertThat(rendered.mediaType()).isEqualTo("application/problem+json");
        JsonNode body = JSON.readTree(rendered.body());
        assertThat(body.get("type").asText()).isEqualTo("https://tollgate.io/problems/validation");
        assertThat(body.get("title").asText()).isEqualTo("Invalid request content");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("instance").asText()).isEqualTo("/admin/v1/orgs");
        assertThat(body.at("/errors/slug").asText()).isEqualTo("is required");
        assertThat(body.get("requestId").asText()).isEqualTo("req-2");
    }

    @Test
    void blankDetailFallsBackToTheTitle() throws Exception {
        JsonNode body = JSON.readTree(ErrorEnvelope.render("/admin/v1/x", null, ErrorKind.CONFLICT, " ").body());
        assertThat(body.get("detail").asText()).isEqualTo("Conflict");
        assertThat(body.has("requestId")).isFalse();
        assertThat(body.has("errors")).isFalse();
    }

    static Stream<Arguments> paths() {
        return Stream.of(Arguments.of("/v1", true), Arguments.of("/v1/models", true), Arguments.of("/v10", false),
                Arguments.of("/v1x/y", false), Arguments.of("/admin/v1/orgs", false), Arguments.of(null, false));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void onlyTheV1TreeIsOpenAi(String path, boolean openAi) {
        assertThat(ErrorEnvelope.isOpenAiPath(path)).isEqualTo(openAi);
    }

    @Test
    void statusesMapToKinds() {
        assertThat(ErrorKind.forStatus(400)).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(ErrorKind.forStatus(413)).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(ErrorKind.forStatus(418)).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(ErrorKind.forStatus(599)).isEqualTo(ErrorKind.INTERNAL);
        assertThat(ErrorKind.RATE_LIMITED.openAiType()).isEqualTo("rate_limit_error");
    }
}
