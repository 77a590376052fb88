package io.tollgate.gateway.internal.relay;

import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Outcome;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.gateway.internal.auth.Caller;
import io.tollgate.gateway.internal.routing.Candidate;
import io.tollgate.gateway.internal.upstream.UpstreamResponse;
import io.tollgate.gateway.internal.usage.TokenCounter;
import io.tollgate.platform.Ids;
import io.tollgate.gateway.api.Admission;
import io.tollgate.platform.error.ErrorEnvelope;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.RequestIds;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * One {@code /v1} request, from its arrival to its usage event: who called, which deployment answered, the
 * timings and the tokens. Confined to the request's event loop, so its fields need no synchronisation. It ends
 * exactly once — answered, failed, or abandoned by the client — and then reports to {@code onFinish}.
 */
final class Exchange {

    private static final Logger LOG = Logger.getLogger(Exchange.class);

    final RoutingContext rc;
    final String endpoint;
    final long startNanos = System.nanoTime();
    final Instant startedAt = Instant.now();
    private final Consumer<Exchange> onFinish;
    private final TokenCounter counter;
    private LongSupplier promptTokens = () -> 0;
    private Caller caller;
    private String model;
    private boolean stream;
    private boolean routed;
    private Candidate answering;
    private UpstreamResponse upstream;
    private long upstreamNanos;
    private Long ttfbNanos;
    private Long lastTokenNanos;
    private Tokens tokens;
    private boolean estimated;
    private Outcome outcome;
    private int status;
    private String errorCode;
    private boolean clientGone;
    private boolean finished;
    private Runnable onClientGone = () -> { };
    private Admission admission;

    Exchange(RoutingContext rc, String endpoint, TokenCounter counter, Consumer<Exchange> onFinish) {
        this.rc = rc;
        this.counter = counter;
        this.endpoint = endpoint;
        this.onFinish = onFinish;
        rc.response().closeHandler(closed -> clientWentAway());
    }

    void authenticated(Caller caller) {
        this.caller = caller;
    }

    /** The model exists for this caller: its name is a bounded metric label from now on. */
    void routed() {
        this.routed = true;
    }

    boolean isRouted() {
        return routed;
    }

    void requested(String model, boolean stream) {
        this.model = model;
        this.stream = stream;
    }

    /** The deployment now being called and its response once it came; the upstream time is not Tollgate's overhead. */
    void calling(Candidate candidate, UpstreamResponse response, long waitedNanos) {
        this.answering = candidate;
        this.upstream = response;
        this.upstreamNanos += waitedNanos;
    }

    /** The quota admitted the request: its {@code x-ratelimit-*} headers go on the answer, whatever it is. */
    void admitted(Admission admission) {
        this.admission = admission;
    }

    Admission admission() {
        return admission;
    }

    /** Time spent waiting on providers (failed tries, backoffs) that does not count as Tollgate's overhead. */
    void waitedUpstream(long nanos) {
        upstreamNanos += nanos;
    }

    /** What to do when the client goes away while this exchange runs (cancel the provider call, stop timers). */
    void onClientGone(Runnable action) {
        this.onClientGone = action;
    }

    boolean clientGone() {
        return clientGone;
    }

    boolean finished() {
        return finished;
    }

    /** The headers every answer from a provider carries: which deployment, and Tollgate's own time. */
    HttpServerResponse answerHeaders(int status) {
        HttpServerResponse response = rc.response().setStatusCode(status);
        rateLimitHeaders(response);
        if (answering != null) {
            response.putHeader("x-tollgate-deployment", answering.deployment().id().toString());
        }
        long overhead = System.nanoTime() - startNanos - upstreamNanos;
        response.putHeader("x-tollgate-overhead-ms", String.format(Locale.ROOT, "%.3f", Math.max(0, overhead) / 1e6));
        return response;
    }

    /** The first byte of the answer left for the client. */
    void firstByte() {
        if (ttfbNanos == null) {
            ttfbNanos = System.nanoTime() - startNanos;
        }
    }

    /** When the last output token left (for the time per output token). */
    void tokenWritten() {
        lastTokenNanos = System.nanoTime() - startNanos;
    }

    /** How to count the prompt's tokens should the provider report no usage. */
    void estimatePromptWith(LongSupplier promptTokens) {
        this.promptTokens = promptTokens;
    }

    /** The provider's usage, or, when it reported none, the prompt and {@code completion} counted (estimated). */
    void usage(Tokens reported, CharSequence completion) {
        if (reported != null) {
            tokens = reported;
            estimated = false;
        } else {
            tokens = new Tokens(promptTokens.getAsLong(), counter.count(completion), 0, 0, 0);
            estimated = true;
        }
    }

    /** The answer went out in full. */
    void succeeded(int status) {
        finish(Outcome.OK, status, null);
    }

    /** The answer started but broke off (an error frame was sent). */
    void brokeOff(String code) {
        finish(Outcome.ERROR, 200, code);
    }

    /** Answers with an error in the OpenAI envelope, unless the answer has begun (then it only finishes). */
    void fail(Throwable failure) {
        TollgateException error = failure instanceof TollgateException known ? known : internal(failure);
        if (finished) {
            return;
        }
        HttpServerResponse response = rc.response();
        if (clientGone && tokens == null) {
            usage(null, ""); // the provider may have read the prompt; nothing was generated
        }
        if (!clientGone && !response.headWritten()) {
            ErrorEnvelope.Rendered rendered = ErrorEnvelope.render(rc.request().path(),
                    rc.request().getHeader(RequestIds.HEADER), error);
            rateLimitHeaders(response);
            error.headers().forEach(response::putHeader);
            response.setStatusCode(rendered.status()).putHeader("content-type", rendered.mediaType()).end(rendered.body());
        }
        finish(clientGone ? Outcome.CANCELLED : Outcome.ERROR, error.kind().status(),
                error.code() != null ? error.code() : error.kind().openAiCode());
    }

    private void rateLimitHeaders(HttpServerResponse response) {
        if (admission != null) {
            admission.headers().forEach(response::putHeader);
        }
    }

    private void clientWentAway() {
        if (finished) {
            return;
        }
        clientGone = true;
        onClientGone.run(); // first: the relay stops, so the cancel's reset is not mistaken for a provider failure
        if (upstream != null) {
            upstream.cancel();
        }
    }

    /** The client left: record what was produced until then. */
    void cancelled() {
        finish(Outcome.CANCELLED, 499, "client_closed_request");
    }

    private void finish(Outcome outcome, int status, String errorCode) {
        if (finished) {
            return;
        }
        finished = true;
        this.outcome = outcome;
        this.status = status;
        this.errorCode = errorCode;
        try {
            onFinish.accept(this);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not record the usage of request %s", requestId());
        }
    }

    private TollgateException internal(Throwable failure) {
        LOG.errorf(failure, "Request %s failed unexpectedly", requestId());
        return new TollgateException(ErrorKind.INTERNAL, "The gateway failed to process the request", Map.of(),
                "internal_error", null);
    }

    String requestId() {
        return rc.request().getHeader(RequestIds.HEADER);
    }

    Caller caller() {
        return caller;
    }

    String model() {
        return model;
    }

    Candidate answering() {
        return answering;
    }

    Long ttfbNanos() {
        return ttfbNanos;
    }

    Long lastTokenNanos() {
        return lastTokenNanos;
    }

    Tokens tokens() {
        return tokens;
    }

    int status() {
        return status;
    }

    /** The usage event of this exchange, once finished; null when nobody authenticated (nothing to meter). */
    UsageRecorded toEvent() {
        if (caller == null) {
            return null;
        }
        Instant finishedAt = Instant.now();
        var deployment = answering == null ? null : answering.deployment();
        return new UsageRecorded(Ids.newId(), requestId(), caller.orgId(), caller.projectId(), caller.keyId(), model,
                endpoint, stream, deployment == null ? null : deployment.id(),
                deployment == null ? null : deployment.providerId(),
                deployment == null ? null : deployment.providerType().apiName(),
                deployment == null ? null : deployment.upstreamModel(), tokens == null ? Tokens.NONE : tokens, estimated,
                outcome, status, errorCode, ttfbNanos == null ? null : ttfbNanos / 1_000_000,
                (System.nanoTime() - startNanos) / 1_000_000, startedAt, finishedAt);
    }
}
