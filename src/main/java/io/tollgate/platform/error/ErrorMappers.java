package io.tollgate.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tollgate.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure that reaches a REST resource to {@link ErrorEnvelope}: problem details on the management
 * API, the OpenAI envelope on {@code /v1}. Nothing leaks a stack trace; unexpected failures are logged with
 * the request id and answered 500.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response tollgate(TollgateException e, HttpServerRequest request) {
        Response.ResponseBuilder response = Response.fromResponse(
                respond(request, ErrorEnvelope.render(request.path(), requestId(request), e)));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return malformedJson(unreadable, request); // the JSON reader wraps syntax errors in a plain 400
        }
        ErrorKind kind = ErrorKind.forStatus(e.getResponse().getStatus());
        String detail = switch (kind) {
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            case NOT_FOUND -> "No resource at " + request.method() + " " + request.path();
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path();
            default -> kind.title();
        };
        return render(request, kind, detail, Map.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        // The location helps the caller; the parser's message would echo their content, so it stays out.
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return render(request, ErrorKind.BAD_REQUEST, "Malformed JSON" + where, Map.of());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return render(request, ErrorKind.VALIDATION, "The request has unknown or read-only fields",
                Map.of(path(e), "unknown or read-only field"));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, HttpServerRequest request) {
        String field = path(e);
        if (field.isEmpty()) {
            return render(request, ErrorKind.BAD_REQUEST, "The body must be a JSON object", Map.of());
        }
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return render(request, ErrorKind.VALIDATION, "The request has fields of the wrong type",
                Map.of(field, "must be " + expected));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e, HttpServerRequest request) {
        return render(request, ErrorKind.BAD_REQUEST, "The body does not match the expected structure", Map.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        Map<String, String> errors = e.getConstraintViolations().stream().collect(Collectors.toMap(
                ErrorMappers::field, ConstraintViolation::getMessage, (a, b) -> a + "; " + b, TreeMap::new));
        return render(request, ErrorKind.VALIDATION, "The request has invalid fields", errors);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        Response response = render(request, ErrorKind.UNAUTHORIZED, "Missing or invalid credentials", Map.of());
        return Response.fromResponse(response).header("www-authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return render(request, ErrorKind.FORBIDDEN, "You lack the permission for this action", Map.of());
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Unexpected failure on %s %s", request.method(), request.path());
        return render(request, ErrorKind.INTERNAL, "An unexpected error occurred; quote the request id to support",
                Map.of());
    }

    private static Response render(HttpServerRequest request, ErrorKind kind, String detail, Map<String, String> errors) {
        return respond(request,
                ErrorEnvelope.render(request.path(), requestId(request), kind, detail, errors, null, singleField(errors)));
    }

    private static Response respond(HttpServerRequest request, ErrorEnvelope.Rendered rendered) {
        return Response.status(rendered.status()).type(rendered.mediaType()).entity(rendered.body()).build();
    }

    private static String requestId(HttpServerRequest request) {
        return request.getHeader(RequestIds.HEADER);
    }

    private static String singleField(Map<String, String> errors) {
        return errors.size() == 1 ? errors.keySet().iterator().next() : null;
    }

    /** The JSON path of the failing field, e.g. {@code deployments[0].weight}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code create.request.slug} → {@code slug}: callers know their fields, not our method names. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int methodAndParam = path.indexOf('.', path.indexOf('.') + 1);
        return methodAndParam < 0 ? path : path.substring(methodAndParam + 1);
    }
}
