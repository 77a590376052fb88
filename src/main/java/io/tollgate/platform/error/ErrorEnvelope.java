package io.tollgate.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a failure in the envelope its caller expects: the OpenAI error object under {@code /v1}, RFC 9457
 * problem details everywhere else. One place decides, so JAX-RS mappers and Vert.x failure handlers agree.
 */
public final class ErrorEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorEnvelope() {
    }

    /** A rendered error: status, media type and the serialised body. */
    public record Rendered(int status, String mediaType, String body) {
    }

    public static boolean isOpenAiPath(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/"));
    }

    public static Rendered render(String path, String requestId, TollgateException failure) {
        return render(path, requestId, failure.kind(), failure.getMessage(), failure.fieldErrors(), failure.code(),
                failure.param());
    }

    public static Rendered render(String path, String requestId, ErrorKind kind, String detail) {
        return render(path, requestId, kind, detail, Map.of(), null, null);
    }

    public static Rendered render(String path, String requestId, ErrorKind kind, String detail,
            Map<String, String> errors, String code, String param) {
        String message = detail == null || detail.isBlank() ? kind.title() : detail;
        Object body;
        String mediaType;
        if (isOpenAiPath(path)) {
            mediaType = "application/json";
            body = new OpenAiError(new OpenAiError.Body(withFieldErrors(message, errors), kind.openAiType(), param,
                    code != null ? code : kind.openAiCode()), kind.problemType(), kind.title(), kind.status());
        } else {
            mediaType = Problem.MEDIA_TYPE;
            body = new Problem(kind.problemType(), kind.title(), kind.status(), message, path, errors, requestId);
        }
        return new Rendered(kind.status(), mediaType, toJson(body));
    }

    /** The OpenAI envelope has no field list, so the fields go into the message, where SDK users see them. */
    private static String withFieldErrors(String message, Map<String, String> errors) {
        if (errors == null || errors.isEmpty()) {
            return message;
        }
        StringBuilder text = new StringBuilder(message).append(':');
        errors.forEach((field, problem) -> text.append(' ').append(field).append(": ").append(problem).append(';'));
        return text.substring(0, text.length() - 1);
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
