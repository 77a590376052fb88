package io.tollgate.platform.error;

/**
 * The kinds of failure Tollgate reports, with everything both envelopes need: the HTTP status, the RFC 9457
 * problem type and title (management API) and the OpenAI error type and code ({@code /v1}).
 */
public enum ErrorKind {
    BAD_REQUEST(400, "bad-request", "Bad request", "invalid_request_error", "invalid_request"),
    VALIDATION(400, "validation", "Invalid request content", "invalid_request_error", "invalid_value"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required", "invalid_request_error", "invalid_api_key"),
    FORBIDDEN(403, "forbidden", "Permission denied", "invalid_request_error", "permission_denied"),
    NOT_FOUND(404, "not-found", "Not found", "invalid_request_error", "not_found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed", "invalid_request_error", "method_not_allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable", "invalid_request_error", "not_acceptable"),
    CONFLICT(409, "conflict", "Conflict", "invalid_request_error", "conflict"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed", "invalid_request_error", "precondition_failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large", "invalid_request_error", "request_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type", "invalid_request_error", "unsupported_media_type"),
    UNPROCESSABLE(422, "unprocessable", "Unprocessable request", "invalid_request_error", "unprocessable"),
    RATE_LIMITED(429, "rate-limited", "Too many requests", "rate_limit_error", "rate_limit_exceeded"),
    INTERNAL(500, "internal", "Internal error", "server_error", "internal_error"),
    BAD_GATEWAY(502, "bad-gateway", "Upstream failure", "server_error", "upstream_error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable", "server_error", "service_unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Upstream timeout", "server_error", "upstream_timeout");

    /** Base of every problem type URI; each is documented in {@code openapi/management.yaml}. */
    public static final String PROBLEM_BASE = "https://tollgate.io/problems/";

    private final int status;
    private final String slug;
    private final String title;
    private final String openAiType;
    private final String openAiCode;

    ErrorKind(int status, String slug, String title, String openAiType, String openAiCode) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.openAiType = openAiType;
        this.openAiCode = openAiCode;
    }

    public int status() {
        return status;
    }

    public String problemType() {
        return PROBLEM_BASE + slug;
    }

    public String title() {
        return title;
    }

    public String openAiType() {
        return openAiType;
    }

    public String openAiCode() {
        return openAiCode;
    }

    /** The kind for a bare HTTP status, for failures that arrive without one (framework and Vert.x errors). */
    public static ErrorKind forStatus(int status) {
        for (ErrorKind kind : values()) {
            if (kind.status == status && kind != VALIDATION) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
