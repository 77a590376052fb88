package io.tollgate.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * RFC 9457 problem details, as served with {@code application/problem+json} by the management API. Serialised by
 * {@link ErrorEnvelope}'s own mapper, outside JAX-RS, so registered for reflection in the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        Map<String, String> errors, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
