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

    public TollgateException(ErrorKind kind, String detail) {
        this(kind, detail, Map.of(), null, null);
    }

    public TollgateException(ErrorKind kind, String detail, Map<String, String> fieldErrors, String code, String param) {
        super(detail, null, false, false);
        this.kind = kind;
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.code = code;
        this.param = param;
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
}
