package io.tollgate.gateway.internal.relay;

import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.provider.ProviderAdapter;
import io.tollgate.gateway.internal.provider.ProviderAdapters;
import io.tollgate.gateway.internal.provider.Target;
import io.tollgate.gateway.internal.provider.UpstreamCall;
import io.tollgate.gateway.internal.provider.UpstreamFailure;
import io.tollgate.gateway.internal.routing.Candidate;
import io.tollgate.gateway.internal.routing.DeploymentHealth;
import io.tollgate.gateway.internal.upstream.Credentials;
import io.tollgate.gateway.internal.upstream.HttpTransport;
import io.tollgate.gateway.internal.upstream.SimulatorTransport;
import io.tollgate.gateway.internal.upstream.Transport;
import io.tollgate.gateway.internal.upstream.UpstreamResponse;
import io.tollgate.gateway.internal.upstream.UpstreamUnreachable;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Walks a request's candidates until one answers 2xx, before any byte has gone to the client (DESIGN.md §5):
 * a connect error, a first-byte timeout or a 5xx is retried on the same deployment with exponential backoff
 * and jitter, up to the model's retry policy; a 429, or a deployment out of tries, moves to the next candidate
 * at once (next deployment of the tier, next tier, fallback models). Deployments whose circuit is open are
 * skipped. A provider's 4xx is the client's own error and is answered at once. When everything failed, the
 * client gets the last failure (a 429 keeps its {@code retry-after}); when every circuit was open, a 503.
 */
@ApplicationScoped
public class Attempts {

    private static final Logger LOG = Logger.getLogger(Attempts.class);
    private static final long ERROR_BODY_LIMIT = 64 * 1024;

    private final ProviderAdapters adapters;
    private final DeploymentHealth health;
    private final Credentials credentials;
    private final HttpTransport http;
    private final SimulatorTransport simulator;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long maxBackoffMs;

    public Attempts(ProviderAdapters adapters, DeploymentHealth health, Credentials credentials, HttpTransport http,
            SimulatorTransport simulator, GatewayMetrics metrics, Vertx vertx, GatewayConfig config) {
        this.adapters = adapters;
        this.health = health;
        this.credentials = credentials;
        this.http = http;
        this.simulator = simulator;
        this.metrics = metrics;
        this.vertx = vertx;
        this.maxBackoffMs = config.resilience().maxBackoff().toMillis();
    }

    /** The candidate that answered 2xx, its response (body paused) and the adapter that reads it. */
    record Answer(Candidate candidate, UpstreamResponse response, ProviderAdapter adapter) {
    }

    Future<Answer> run(Exchange exchange, List<Candidate> plan, BiFunction<ProviderAdapter, Target, UpstreamCall> build) {
        Promise<Answer> answer = Promise.promise();
        new Walk(exchange, plan, build, answer).next();
        return answer.future();
    }

    /** The state of one walk over the plan. */
    private final class Walk {
        private final Exchange exchange;
        private final List<Candidate> plan;
        private final BiFunction<ProviderAdapter, Target, UpstreamCall> build;
        private final Promise<Answer> answer;
        private int index;
        private int tries;
        private UUID previous;
        private TollgateException lastError;
        private long soonestProbeMs = Long.MAX_VALUE;

        Walk(Exchange exchange, List<Candidate> plan, BiFunction<ProviderAdapter, Target, UpstreamCall> build,
                Promise<Answer> answer) {
            this.exchange = exchange;
            this.plan = plan;
            this.build = build;
            this.answer = answer;
        }

        void next() {
            if (exchange.clientGone()) {
                answer.tryFail(new TollgateException(ErrorKind.BAD_REQUEST, "The client closed the request"));
                return;
            }
            long now = System.nanoTime();
            while (index < plan.size() && tries == 0 && !health.admits(plan.get(index).deployment().id(), now)) {
                soonestProbeMs = Math.min(soonestProbeMs, health.millisUntilProbe(plan.get(index).deployment().id(), now));
                index++;
            }
            if (index >= plan.size()) {
                answer.tryFail(lastError != null ? lastError : noneAvailable());
                return;
            }
            Candidate candidate = plan.get(index);
            DeploymentRoute deployment = candidate.deployment();
            if (previous != null && !previous.equals(deployment.id())) {
                metrics.fallback(exchange.model(), previous.toString(), deployment.id().toString());
            }
            previous = deployment.id();
            ProviderAdapter adapter = adapters.forType(deployment.providerType());
            UpstreamCall call;
            try {
                call = build.apply(adapter, new Target(deployment, credentials.of(deployment)));
            } catch (TollgateException clientError) {
                answer.tryFail(clientError);
                return;
            } catch (RuntimeException unusable) {
                LOG.warnf(unusable, "Could not prepare the call to deployment %s", deployment.id());
                lastError = new TollgateException(ErrorKind.BAD_GATEWAY,
                        "A deployment of this model could not be called: its provider is misconfigured", Map.of(),
                        "upstream_misconfigured", null);
                moveOn();
                return;
            }
            send(candidate, adapter, call);
        }

        private void send(Candidate candidate, ProviderAdapter adapter, UpstreamCall call) {
            DeploymentRoute deployment = candidate.deployment();
            Transport transport = deployment.providerType() == ProviderType.SIMULATOR ? simulator : http;
            long sent = System.nanoTime();
            health.started(deployment.id());
            transport.send(call, timeouts(deployment), exchange::onClientGone).onComplete(result -> {
                long waited = System.nanoTime() - sent;
                if (result.failed() && exchange.clientGone()) {
                    health.ended(deployment.id());
                    next(); // not the deployment's fault: the walk ends as cancelled
                    return;
                }
                if (result.failed()) {
                    health.ended(deployment.id());
                    exchange.waitedUpstream(waited);
                    unreachable(deployment, result.cause());
                    return;
                }
                UpstreamResponse response = result.result();
                if (exchange.clientGone()) {
                    response.cancel();
                    health.ended(deployment.id());
                    next();
                    return;
                }
                if (response.status() >= 200 && response.status() < 300) {
                    health.succeeded(deployment.id(), waited);
                    exchange.calling(candidate, response, waited);
                    answer.tryComplete(new Answer(candidate, response, adapter));
                    return;
                }
                BodyReader.read(response.body(), ERROR_BODY_LIMIT, response::cancel).onComplete(body -> {
                    exchange.waitedUpstream(System.nanoTime() - sent);
                    health.ended(deployment.id());
                    rejected(candidate, adapter.failure(response.status(), response.header("retry-after"),
                            body.succeeded() ? body.result() : null), response.status(), waited);
                });
            });
        }

        private void unreachable(DeploymentRoute deployment, Throwable cause) {
            boolean timedOut = cause instanceof UpstreamUnreachable u && u.timedOut();
            metrics.upstreamError(deployment.id().toString(), deployment.providerType().apiName(), timedOut ? "timeout" : "connect");
            health.failed(deployment.id(), System.nanoTime());
            lastError = timedOut
                    ? new TollgateException(ErrorKind.GATEWAY_TIMEOUT, cause.getMessage(), Map.of(), "upstream_timeout", null)
                    : new TollgateException(ErrorKind.BAD_GATEWAY, cause.getMessage(), Map.of(), "upstream_unreachable", null);
            retryOrMoveOn(plan.get(index));
        }

        private void rejected(Candidate candidate, UpstreamFailure failure, int status, long waited) {
            DeploymentRoute deployment = candidate.deployment();
            metrics.upstreamError(deployment.id().toString(), deployment.providerType().apiName(), "http_" + status);
            if (!failure.retriable()) {
                health.succeeded(deployment.id(), waited); // the provider works; the request was at fault
                answer.tryFail(failure.error());
                return;
            }
            health.failed(deployment.id(), System.nanoTime());
            lastError = failure.error();
            if (status == 429) {
                moveOn();
            } else {
                retryOrMoveOn(candidate);
            }
        }

        private void retryOrMoveOn(Candidate candidate) {
            int attempts = Math.max(1, candidate.model().retry().attempts());
            if (tries + 1 >= attempts) {
                moveOn();
                return;
            }
            tries++;
            long base = (long) candidate.model().retry().backoffMs() << (tries - 1);
            long delay = (long) (Math.min(maxBackoffMs, base) * (0.5 + ThreadLocalRandom.current().nextDouble()));
            long waitStart = System.nanoTime();
            vertx.setTimer(Math.max(1, delay), fired -> {
                exchange.waitedUpstream(System.nanoTime() - waitStart);
                if (health.admits(candidate.deployment().id(), System.nanoTime())) {
                    next();
                } else {
                    moveOn();
                }
            });
        }

        private void moveOn() {
            index++;
            tries = 0;
            next();
        }

        private TollgateException noneAvailable() {
            long seconds = soonestProbeMs == Long.MAX_VALUE ? 1 : Math.max(1, (soonestProbeMs + 999) / 1000);
            return TollgateException.unavailable("No deployment of '" + exchange.model()
                    + "' is available right now: all are failing", "no_deployment_available", seconds);
        }

        private static Timeouts timeouts(DeploymentRoute deployment) {
            return deployment.timeouts() == null ? Timeouts.DEFAULT : deployment.timeouts();
        }
    }
}
