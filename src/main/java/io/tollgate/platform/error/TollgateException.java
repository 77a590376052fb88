package io.tollgate.platform.error;

import java.util.Map;

/**
 * A failure the caller should see, thrown by any layer (it imports no framework, so domain code may throw it).
 * The exception mappers render it as RFC 9457 problem details on the management API and as the OpenAI error
 * envelope on {@code /v1}.
 */
public class TollgateException extends RuntimeException {

    private final ErrorKind kind;
    private final Map<String, String> fieldErrors;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public TollgateException(ErrorKind kind, String detail) {
        this(kind, detail, Map.of(), null, null);
    }

    public TollgateException(ErrorKind kind, String detail, Map<String, String> fieldErrors, String code, String param) {
        this(kind, detail, fieldErrors, code, param, Map.of());
    }

    private TollgateException(ErrorKind kind, String detail, Map<String, String> fieldErrors, String code, String param,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.kind = kind;
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    /** 429 with {@code retry-after}, in seconds. */
    public static TollgateException rateLimited(String detail, String code, long retryAfterSeconds) {
        return new TollgateException(ErrorKind.RATE_LIMITED, detail, Map.of(), code, null,
                Map.of("retry-after", Long.toString(retryAfterSeconds)));
    }

    /** 503 with {@code retry-after}, in seconds: nothing can serve the request now, but something will. */
    public static TollgateException unavailable(String detail, String code, long retryAfterSeconds) {
        return new TollgateException(ErrorKind.UNAVAILABLE, detail, Map.of(), code, null,
                Map.of("retry-after", Long.toString(retryAfterSeconds)));
    }

    /** 429 with the given headers, e.g. {@code retry-after} and {@code x-ratelimit-*} (quota denials). */
    public static TollgateException rateLimited(String detail, String code, Map<String, String> headers) {
        return new TollgateException(ErrorKind.RATE_LIMITED, detail, Map.of(), code, null, headers);
    }

    /** 412: the {@code If-Match} version is not the current one. */
    public static TollgateException staleVersion() {
        return new TollgateException(ErrorKind.PRECONDITION_FAILED,
                "The object changed since you read it; read it again and retry with its current ETag");
    }

    public static TollgateException notFound(String what) {
        return new TollgateException(ErrorKind.NOT_FOUND, what + " not found");
    }

    public static TollgateException conflict(String detail) {
        return new TollgateException(ErrorKind.CONFLICT, detail);
    }

    /** Field → message, as listed in the problem's {@code errors} member. */
    public static TollgateException invalid(Map<String, String> fieldErrors) {
        return new TollgateException(ErrorKind.VALIDATION, "The request has invalid fields", fieldErrors, null,
                fieldErrors.size() == 1 ? fieldErrors.keySet().iterator().next() : null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The OpenAI {@code code} when it differs from the kind's default (e.g. {@code model_not_found}). */
    public String code() {
        return code;
    }

    /** The OpenAI {@code param} naming the offending field, if one. */
    public String param() {
        return param;
    }

    /** Response headers that belong to the failure, such as {@code retry-after}. */
    public Map<String, String> headers() {
        return headers;
    }
}
