package io.tollgate.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** RFC 9457 problem details, as served with {@code application/problem+json} by the management API. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        Map<String, String> errors, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
