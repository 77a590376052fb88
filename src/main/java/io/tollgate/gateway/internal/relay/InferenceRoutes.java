package io.tollgate.gateway.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.vertx.web.Body;
import io.quarkus.vertx.web.Route;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.ModelRoute;
import io.tollgate.catalog.api.RoutingSnapshot;
import io.tollgate.catalog.api.RoutingSnapshotReader;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.auth.Caller;
import io.tollgate.gateway.internal.auth.KeyAuthenticator;
import io.tollgate.gateway.internal.provider.ChatRequest;
import io.tollgate.gateway.internal.provider.ChatResponse;
import io.tollgate.gateway.internal.provider.ProviderAdapter.PassThrough;
import io.tollgate.gateway.internal.provider.ProviderAdapters;
import io.tollgate.gateway.internal.routing.Candidate;
import io.tollgate.gateway.internal.routing.DeploymentHealth;
import io.tollgate.gateway.internal.routing.Pricing;
import io.tollgate.gateway.internal.routing.RoutePlanner;
import io.tollgate.gateway.internal.usage.TokenCounter;
import io.tollgate.gateway.internal.usage.UsageEmitter;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.gateway.api.Admission;
import io.tollgate.gateway.api.Cost;
import io.tollgate.gateway.api.QuotaGate;
import io.tollgate.gateway.api.QuotaSubject;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The OpenAI-compatible inference endpoints. Vert.x routes rather than REST resources: the gateway writes
 * event streams chunk by chunk, follows the client's back-pressure and notices its disconnect, which needs
 * the connection itself. Each request runs on its event loop from key check to usage event (DESIGN.md §5).
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class InferenceRoutes {

    private final KeyAuthenticator keys;
    private final RoutingSnapshotReader routes;
    private final RoutePlanner planner;
    private final Attempts attempts;
    private final StreamRelay streams;
    private final JsonRelay answers;
    private final DeploymentHealth health;
    private final GatewayMetrics metrics;
    private final UsageEmitter usage;
    private final TokenCounter counter;
    private final ObjectMapper json;
    private final ChatRequestReader reader;
    private final QuotaGate quota;
    private final ProviderAdapters adapters;
    private final int outputEstimate;

    public InferenceRoutes(KeyAuthenticator keys, RoutingSnapshotReader routes, RoutePlanner planner, Attempts attempts,
            StreamRelay streams, JsonRelay answers, DeploymentHealth health, GatewayMetrics metrics, UsageEmitter usage,
            TokenCounter counter, ObjectMapper json, QuotaGate quota, ProviderAdapters adapters, GatewayConfig config) {
        this.keys = keys;
        this.routes = routes;
        this.planner = planner;
        this.attempts = attempts;
        this.streams = streams;
        this.answers = answers;
        this.health = health;
        this.metrics = metrics;
        this.usage = usage;
        this.counter = counter;
        this.json = json;
        this.reader = new ChatRequestReader(json);
        this.quota = quota;
        this.adapters = adapters;
        this.outputEstimate = config.quotaOutputEstimate();
    }

    @Route(path = "/v1/chat/completions", methods = Route.HttpMethod.POST, type = Route.HandlerType.NORMAL)
    @APIResponse(responseCode = "200", description = "The completion (JSON), or its chunks (text/event-stream) when stream is true")
    @APIResponse(responseCode = "400", description = "Malformed JSON, missing or invalid fields, or a field Tollgate never forwards")
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key")
    @APIResponse(responseCode = "403", description = "The key has no inference scope, or the model's price is in another currency than the budget")
    @APIResponse(responseCode = "404", description = "No such model for this key")
    @APIResponse(responseCode = "413", description = "The request body is too large")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(responseCode = "429", description = "Rate limited by the provider (or by a quota)")
    @APIResponse(responseCode = "502", description = "The provider failed")
    @APIResponse(responseCode = "503", description = "The key index is unavailable, or no deployment is available")
    @APIResponse(responseCode = "504", description = "The provider did not answer in time")
    void chat(RoutingContext rc, @Body Buffer body) {
        Exchange exchange = start(rc, "chat.completions");
        if (exchange != null) {
            authenticate(exchange, caller -> chat(exchange, caller, body));
        }
    }

    @Route(path = "/v1/embeddings", methods = Route.HttpMethod.POST, type = Route.HandlerType.NORMAL)
    @APIResponse(responseCode = "200", description = "The embeddings")
    @APIResponse(responseCode = "400", description = "Malformed JSON, missing input, or a model that does not embed")
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key")
    @APIResponse(responseCode = "403", description = "The key has no inference scope, or the model's price is in another currency than the budget")
    @APIResponse(responseCode = "404", description = "No such model for this key")
    @APIResponse(responseCode = "413", description = "The request body is too large")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(responseCode = "429", description = "Rate limited by the provider (or by a quota)")
    @APIResponse(responseCode = "502", description = "The provider failed")
    @APIResponse(responseCode = "503", description = "The key index is unavailable, or no deployment is available")
    @APIResponse(responseCode = "504", description = "The provider did not answer in time")
    void embeddings(RoutingContext rc, @Body Buffer body) {
        Exchange exchange = start(rc, "embeddings");
        if (exchange != null) {
            authenticate(exchange, caller -> forward(exchange, caller, body, PassThrough.EMBEDDINGS, "input", Capabilities::embeddings));
        }
    }

    @Route(path = "/v1/completions", methods = Route.HttpMethod.POST, type = Route.HandlerType.NORMAL)
    @APIResponse(responseCode = "200", description = "The completion (legacy API)")
    @APIResponse(responseCode = "400", description = "Malformed JSON, missing prompt, or a model without legacy completions")
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key")
    @APIResponse(responseCode = "403", description = "The key has no inference scope, or the model's price is in another currency than the budget")
    @APIResponse(responseCode = "404", description = "No such model for this key")
    @APIResponse(responseCode = "413", description = "The request body is too large")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(responseCode = "429", description = "Rate limited by the provider (or by a quota)")
    @APIResponse(responseCode = "502", description = "The provider failed")
    @APIResponse(responseCode = "503", description = "The key index is unavailable, or no deployment is available")
    @APIResponse(responseCode = "504", description = "The provider did not answer in time")
    void completions(RoutingContext rc, @Body Buffer body) {
        Exchange exchange = start(rc, "completions");
        if (exchange != null) {
            authenticate(exchange, caller -> forward(exchange, caller, body, PassThrough.COMPLETIONS, "prompt", Capabilities::completions));
        }
    }

    /** A new exchange, or null when the body is not JSON (answered at once). */
    private Exchange start(RoutingContext rc, String endpoint) {
        Exchange exchange = new Exchange(rc, endpoint, counter, this::finished);
        String type = rc.request().getHeader("content-type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            exchange.fail(new TollgateException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be JSON, sent with 'Content-Type: application/json'"));
            return null;
        }
        return exchange;
    }

    /** Checks the key, then continues on the request's event loop (the key index may answer on another). */
    private void authenticate(Exchange exchange, java.util.function.Consumer<Caller> next) {
        Context context = Vertx.currentContext();
        keys.authenticate(exchange.rc.request().getHeader("Authorization"), exchange.rc.request().getHeader("api-key"))
                .subscribe().with(
                        caller -> onContext(context, () -> {
                            exchange.authenticated(caller);
                            guarded(exchange, () -> next.accept(caller));
                        }),
                        failure -> onContext(context, () -> exchange.fail(failure)));
    }

    private void chat(Exchange exchange, Caller caller, Buffer body) {
        ChatRequest request = reader.chat(body);
        exchange.requested(request.model(), request.stream());
        exchange.estimatePromptWith(() -> counter.countMessages(request.body().path("messages")));
        List<Candidate> plan = plan(exchange, caller, request.model(), Capabilities::chat, "chat completions");
        long prompt = counter.estimateMessages(request.body().path("messages"));
        long output = request.maxTokens() != null ? request.maxTokens() : outputEstimate;
        admit(exchange, caller, request.model(), prompt + output,
                Pricing.estimate(plan, exchange.startedAt, prompt, output), () -> attempts.run(exchange, plan, (adapter, target) -> adapter.chat(request, target))
                .onSuccess(answer -> guarded(exchange, () -> {
                    if (request.stream()) {
                        streams.relay(exchange, answer.response(), answer.adapter().chatStream(request));
                    } else {
                        answers.relay(exchange, answer.response(), upstream -> answer.adapter().chatResponse(request, upstream));
                    }
                }))
                .onFailure(exchange::fail));
    }

    /**
     * Reserves the request against the caller's rate limits and budgets (one Redis round trip), then continues on
     * the request's event loop; a denial is the answer (429 with {@code retry-after} and {@code x-ratelimit-*}).
     */
    private void admit(Exchange exchange, Caller caller, String model, long estimatedTokens, Cost estimatedCost,
            Runnable next) {
        Context context = Vertx.currentContext();
        quota.reserve(new QuotaSubject(caller.orgId(), caller.projectId(), caller.keyId(), model), estimatedTokens,
                        estimatedCost)
                .subscribe().with(
                        admission -> onContext(context, () -> {
                            exchange.admitted(admission);
                            if (exchange.clientGone()) {
                                exchange.fail(new TollgateException(ErrorKind.BAD_REQUEST, "The client closed the request"));
                            } else {
                                guarded(exchange, next);
                            }
                        }),
                        failure -> onContext(context, () -> exchange.fail(failure)));
    }

    private void forward(Exchange exchange, Caller caller, Buffer body, PassThrough endpoint, String required,
            Predicate<Capabilities> capable) {
        ObjectNode request = reader.passThrough(body, required);
        String model = request.get("model").asText();
        exchange.requested(model, false);
        exchange.estimatePromptWith(() -> counter.count(text(request.get(required))));
        List<Candidate> plan = plan(exchange, caller, model, capable, endpoint.path()).stream()
                .filter(candidate -> adapters.forType(candidate.deployment().providerType()).forwards(endpoint))
                .toList();
        long prompt = (text(request.get(required)).length() + 3) / 4;
        long output = request.path("max_tokens").canConvertToInt() ? request.path("max_tokens").asInt() : 0;
        admit(exchange, caller, model, prompt + output, Pricing.estimate(plan, exchange.startedAt, prompt, output),
                () -> attempts.run(exchange, plan, (adapter, target) -> adapter.forward(endpoint, request, target)
                        .orElseThrow(() -> new TollgateException(ErrorKind.BAD_REQUEST,
                                "This model's provider has no " + endpoint.path() + " endpoint")))
                .onSuccess(answer -> guarded(exchange, () -> answers.relay(exchange, answer.response(),
                        upstream -> new ChatResponse(upstream, JsonRelay.usageOf(json, upstream)))))
                .onFailure(exchange::fail));
    }

    private List<Candidate> plan(Exchange exchange, Caller caller, String name, Predicate<Capabilities> capable, String what) {
        RoutingSnapshot snapshot = routes.current().orElse(null);
        ModelRoute model = snapshot == null ? null : snapshot.route(name, caller.orgId(), caller.projectId()).orElse(null);
        if (model == null) {
            throw new TollgateException(ErrorKind.NOT_FOUND, "The model '" + name + "' does not exist or you do not have access to it",
                    Map.of(), "model_not_found", "model");
        }
        if (!capable.test(model.capabilities())) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "The model '" + name + "' does not support " + what,
                    Map.of(), "model_not_supported", "model");
        }
        exchange.routed();
        return planner.plan(model, snapshot, caller.orgId(), caller.projectId());
    }

    /** Runs a step of the exchange; a failure it throws becomes the answer. */
    private static void guarded(Exchange exchange, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException failure) {
            exchange.fail(failure);
        }
    }

    private void finished(Exchange exchange) {
        Candidate answering = exchange.answering();
        if (answering != null) {
            health.ended(answering.deployment().id());
        }
        UsageRecorded event = exchange.toEvent();
        Admission admission = exchange.admission();
        if (admission != null) {
            long used = event == null ? 0 : event.tokens().total();
            (used == 0 ? quota.release(admission)
                    : quota.settle(admission, used, Pricing.actual(answering, exchange.startedAt, event.tokens())))
                    .subscribe().with(done -> { });
        }
        if (event == null) {
            return;
        }
        String deployment = answering == null ? "none" : answering.deployment().id().toString();
        String provider = answering == null ? "none" : answering.deployment().providerType().apiName();
        Long perToken = null;
        if (exchange.ttfbNanos() != null && exchange.lastTokenNanos() != null && event.tokens().completion() > 1) {
            perToken = (exchange.lastTokenNanos() - exchange.ttfbNanos()) / (event.tokens().completion() - 1);
        }
        metrics.finished(new GatewayMetrics.Labels(event.orgId().toString(), exchange.isRouted() ? event.model() : "unknown",
                deployment, provider, Integer.toString(event.httpStatus())), exchange.ttfbNanos(), event.tokens(), perToken);
        usage.record(event);
    }

    private static CharSequence text(JsonNode input) {
        if (input.isTextual()) {
            return input.asText();
        }
        StringBuilder text = new StringBuilder();
        input.forEach(item -> text.append(item.isTextual() ? item.asText() : "").append('\n'));
        return text;
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
