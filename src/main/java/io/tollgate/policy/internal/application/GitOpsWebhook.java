package io.tollgate.policy.internal.application;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.internal.domain.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sync requests from a Git host's push webhook (ADR 0028). The host has no Tollgate token: it proves that it knows
 * the secret named by {@code tollgate.gitops.webhook-secret-env}, GitHub by signing the body
 * ({@code X-Hub-Signature-256}), GitLab by sending the secret ({@code X-Gitlab-Token}). Only a push to the configured
 * branch requests a sync; other events are acknowledged and ignored.
 */
@ApplicationScoped
public class GitOpsWebhook {

    /** Larger deliveries answer 413. A push event lists at most 20 commits (GitHub), far below this. */
    public static final int MAX_BODY = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(GitOpsWebhook.class);

    /** A delivery: the headers it is judged by (each null when absent) and its raw body, as signed. */
    public record Delivery(String githubSignature, String githubEvent, String gitlabToken, String gitlabEvent,
            byte[] body) {
    }

    /** What became of an authentic delivery. */
    public sealed interface Received {
    }

    /** A sync was requested; the worker runs it within its poll interval. */
    public record Requested(UUID runId) implements Received {
    }

    /** Nothing to sync, and why. */
    public record Ignored(String reason) implements Received {
    }

    private enum Host {
        GITHUB("push", "ping"), GITLAB("Push Hook", null);

        final String push;
        final String ping;

        Host(String push, String ping) {
            this.push = push;
            this.ping = ping;
        }

        String principal() {
            return "webhook:" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final GitOpsConfig config;
    private final EnvironmentVariables environment;
    private final GitOpsService gitops;
    private final ObjectMapper json;

    public GitOpsWebhook(GitOpsConfig config, EnvironmentVariables environment, GitOpsService gitops,
            ObjectMapper json) {
        this.config = config;
        this.environment = environment;
        this.gitops = gitops;
        this.json = json;
    }

    /** Authenticates the delivery (404 without a secret, 401 when it does not prove it), then reads it. */
    public Uni<Received> receive(Delivery delivery, Actor caller) {
        WebhookSecret secret = secret().orElseThrow(() -> new TollgateException(ErrorKind.NOT_FOUND,
                "No GitOps webhook is enabled here (tollgate.gitops.webhook-secret-env)"));
        if (delivery.body().length > MAX_BODY) {
            throw new TollgateException(ErrorKind.PAYLOAD_TOO_LARGE,
                    "A webhook delivery may hold at most " + MAX_BODY + " bytes");
        }
        Host host = authenticate(delivery, secret);
        String event = host == Host.GITHUB ? delivery.githubEvent() : delivery.gitlabEvent();
        if (event != null && event.equals(host.ping)) {
            return ignored("ping: the webhook reaches Tollgate and its secret matches");
        }
        if (event != null && !event.equals(host.push)) {
            return ignored("a '" + event + "' event requests no sync; only '" + host.push + "' does");
        }
        String ref = ref(delivery.body());
        String branch = "refs/heads/" + config.branch();
        if (!ref.equals(branch)) {
            return ignored("a push to " + ref + "; the policies are read from " + branch);
        }
        Actor actor = new Actor(host.principal(), caller.requestId(), caller.sourceIp());
        return gitops.requestSync(actor).map(id -> {
            LOG.infof("GitOps sync %s requested by %s (push to %s)", id, actor.principal(), ref);
            return new Requested(id);
        });
    }

    private Optional<WebhookSecret> secret() {
        return config.webhookSecretEnv().flatMap(name -> {
            Optional<String> value = environment.get(name);
            if (value.isEmpty()) {
                LOG.warnf("tollgate.gitops.webhook-secret-env names %s, which is not set: the webhook is off", name);
            }
            return value.map(WebhookSecret::new);
        });
    }

    /** The host whose proof the delivery carries and passes; a GitHub signature is judged first when both come. */
    private static Host authenticate(Delivery delivery, WebhookSecret secret) {
        if (delivery.githubSignature() != null) {
            if (secret.signed(delivery.githubSignature(), delivery.body())) {
                return Host.GITHUB;
            }
            throw unauthorized("X-Hub-Signature-256 is not the HMAC-SHA256 of the body under the webhook's secret");
        }
        if (delivery.gitlabToken() != null) {
            if (secret.matches(delivery.gitlabToken())) {
                return Host.GITLAB;
            }
            throw unauthorized("X-Gitlab-Token is not the webhook's secret");
        }
        throw unauthorized("Send X-Hub-Signature-256 (GitHub) or X-Gitlab-Token (GitLab)");
    }

    /** The pushed ref, the one field read from the payload; the rest is only checked to be JSON. */
    private String ref(byte[] body) {
        String ref = null;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TollgateException(ErrorKind.BAD_REQUEST, "A push event is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isRef = parser.currentName().equals("ref");
                if (parser.nextToken() == JsonToken.VALUE_STRING && isRef) {
                    ref = parser.getText();
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new TollgateException(ErrorKind.BAD_REQUEST, "Malformed JSON: content after the object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TollgateException(ErrorKind.BAD_REQUEST, "Malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "Unreadable body");
        }
        if (ref == null) {
            throw TollgateException.invalid(Map.of("ref", "a push event names the pushed ref as a string"));
        }
        return ref;
    }

    private static Uni<Received> ignored(String reason) {
        return Uni.createFrom().item(new Ignored(reason));
    }

    private static TollgateException unauthorized(String detail) {
        return new TollgateException(ErrorKind.UNAUTHORIZED, detail);
    }
}
