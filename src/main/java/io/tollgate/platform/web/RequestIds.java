package io.tollgate.platform.web;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's {@code x-request-id} when it is a sane token, a new UUID otherwise.
 * The id goes back on the response, into the request headers (so later stages read one place), into the log
 * context ({@code requestId}) and onto the current span.
 */
public class RequestIds {

    public static final String HEADER = "x-request-id";
    public static final String LOG_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Runs before every other route, including the REST layer and the failure handlers. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext rc) {
        String id = accept(rc.request().getHeader(HEADER));
        rc.request().headers().set(HEADER, id);
        rc.response().putHeader(HEADER, id);
        MDC.put(LOG_KEY, id);
        Span.current().setAttribute("tollgate.request_id", id);
        rc.next();
    }

    static String accept(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
