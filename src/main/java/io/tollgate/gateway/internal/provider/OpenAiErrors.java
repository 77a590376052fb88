package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;

/**
 * Maps a provider's error status to what the client sees. The client's own mistakes (400, 413, 422) keep the
 * provider's message; 429 stays 429 with its {@code retry-after}; the provider refusing Tollgate's credentials
 * or not knowing the deployment's model is Tollgate's problem, not the client's (502); 5xx become 502, a
 * provider timeout 504.
 */
public final class OpenAiErrors {

    /** When a provider sends 429 without (or with an unreadable) {@code retry-after}. */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 1;

    private OpenAiErrors() {
    }

    public static UpstreamFailure translate(ObjectMapper json, int status, String retryAfter, Buffer body) {
        JsonNode error = parse(json, body).path("error");
        return translate(status, retryAfter, error.path("message").asText(null),
                error.path("code").isTextual() ? error.path("code").asText() : null, error.path("param").asText(null));
    }

    /**
     * The same for a provider whose error body is not OpenAI's: its {@code message}, {@code code} and
     * {@code param} (each null when it has none) already read from it.
     */
    public static UpstreamFailure translate(int status, String retryAfter, String message, String code, String param) {
        return switch (status) {
            case 400, 422 -> new UpstreamFailure(new TollgateException(ErrorKind.BAD_REQUEST,
                    withDefault(message, "The provider rejected the request"), Map.of(), code, param), false);
            case 413 -> new UpstreamFailure(new TollgateException(ErrorKind.PAYLOAD_TOO_LARGE,
                    withDefault(message, "The request is too large for the provider")), false);
            case 429 -> new UpstreamFailure(TollgateException.rateLimited(
                    withDefault(message, "The provider is rate limiting; retry later"),
                    code == null ? "rate_limit_exceeded" : code, retryAfterSeconds(retryAfter)), true);
            case 401, 403 -> new UpstreamFailure(upstream(ErrorKind.BAD_GATEWAY,
                    "The provider refused Tollgate's credentials for this deployment", "upstream_auth_failed"), true);
            case 404 -> new UpstreamFailure(upstream(ErrorKind.BAD_GATEWAY,
                    "The provider does not know this deployment's model", "upstream_not_found"), true);
            case 408, 504 -> new UpstreamFailure(upstream(ErrorKind.GATEWAY_TIMEOUT,
                    "The provider timed out", "upstream_timeout"), true);
            default -> new UpstreamFailure(upstream(ErrorKind.BAD_GATEWAY,
                    "The provider failed (HTTP " + status + ")" + (message == null ? "" : ": " + message),
                    "upstream_error"), status >= 500 || status == 409);
        };
    }

    /** The provider answered 2xx with a body that is not what its API promises. */
    public static TollgateException unreadable() {
        return upstream(ErrorKind.BAD_GATEWAY, "The provider sent an unreadable response", "upstream_error");
    }

    static TollgateException upstream(ErrorKind kind, String message, String code) {
        return new TollgateException(kind, message, Map.of(), code, null);
    }

    /** {@code retry-after} in seconds (delta-seconds only; an HTTP date or garbage counts as the default). */
    static long retryAfterSeconds(String header) {
        if (header != null) {
            try {
                double seconds = Double.parseDouble(header.strip());
                if (seconds >= 0 && seconds < 86_400) {
                    return Math.max(1, (long) Math.ceil(seconds));
                }
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall through to the default
            }
        }
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    private static String withDefault(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }

    private static JsonNode parse(ObjectMapper json, Buffer body) {
        try {
            return body == null || body.length() == 0 ? json.missingNode() : json.readTree(body.getBytes());
        } catch (IOException e) {
            return json.missingNode();
        }
    }
}
