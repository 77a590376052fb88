package io.tollgate.gateway.internal.apischema.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's error envelope ({@code {"type":"error","error":{"type","message"}}}), as an HTTP error body and as
 * the {@code error} event inside a stream.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnthropicError(String type, Detail error) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String type, String message) {
    }

    public String message() {
        return error == null ? null : error.message();
    }

    /**
     * The HTTP status Anthropic documents for the error's type, for errors that arrive inside a stream (whose
     * HTTP status was already 200); 500 for a type it does not document.
     */
    public int status() {
        String kind = error == null || error.type() == null ? "" : error.type();
        return switch (kind) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }
}
