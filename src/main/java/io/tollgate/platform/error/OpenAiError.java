package io.tollgate.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The error envelope of the OpenAI API ({@code {"error": {...}}}), which the SDKs parse, plus the RFC 9457
 * members {@code type}, {@code title} and {@code status} at the top level, which they ignore. Registered for
 * reflection: {@link ErrorEnvelope} serialises it with its own mapper, outside JAX-RS.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAiError(Body error, String type, String title, int status) {

    /** {@code param} and {@code code} are always present, as null when they do not apply, as OpenAI sends them. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }
}
