package io.tollgate.platform.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.tollgate.platform.web.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers failures that never reach a REST resource (no route, body over the size limit, a handler that
 * failed at the Vert.x level) in the same envelopes as {@link ErrorMappers}.
 */
public class HttpFailures {

    private final long maxBodyBytes;

    HttpFailures(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        // Vert.x answers a declared oversized body with a bare 413 before any error handler runs: refuse it first.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredOversizedBody);
        for (int status : new int[] { 400, 404, 405, 413, 415, 500 }) {
            router.errorHandler(status, rc -> answer(rc, rc.statusCode()));
        }
    }

    private void refuseDeclaredOversizedBody(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredLength(declared) > maxBodyBytes) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(rc, 413);
        } else {
            rc.next();
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x itself rejects a malformed Content-Length.
        }
    }

    private void answer(RoutingContext rc, int status) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        ErrorKind kind = ErrorKind.forStatus(status);
        String detail = switch (kind) {
            case NOT_FOUND -> "No resource at " + rc.request().method() + " " + rc.request().path();
            case PAYLOAD_TOO_LARGE -> "The request body exceeds the size limit";
            default -> kind.title();
        };
        ErrorEnvelope.Rendered rendered = ErrorEnvelope.render(rc.request().path(),
                rc.request().getHeader(RequestIds.HEADER), kind, detail);
        rc.response().setStatusCode(rendered.status()).putHeader("content-type", rendered.mediaType())
                .end(rendered.body());
    }
}
