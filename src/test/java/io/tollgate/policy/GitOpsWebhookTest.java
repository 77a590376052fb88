package io.tollgate.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.tollgate.policy.internal.application.EnvironmentVariables;
import io.tollgate.testing.Accounts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/v1/gitops/webhook} with GitOps on (an empty local directory, branch {@code policies}) and the
 * webhook's secret in the environment variable the configuration names: GitHub signatures and GitLab tokens, right
 * and wrong, events and branches that request no sync, bad input. Without a secret: here and in GitOpsApiTest.
 */
@QuarkusTest
@TestProfile(GitOpsWebhookTest.WebhookConfigured.class)
class GitOpsWebhookTest {

    static final String SECRET_ENV = "TOLLGATE_TEST_WEBHOOK_SECRET";
    static final String SECRET = "webhook-secret-" + UUID.randomUUID();
    static final String WEBHOOK = "/admin/v1/gitops/webhook";
    static final String PUSH = """
            {"ref": "refs/heads/policies", "before": "a1", "after": "b2",
             "commits": [{"id": "b2", "message": "Raise the budget", "modified": ["acme/budget.yaml"]}],
             "repository": {"full_name": "platform/policies"}}""";

    public static class WebhookConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of("tollgate.gitops.directory", Files.createTempDirectory("gitops-webhook").toString(),
                        "tollgate.gitops.branch", "policies",
                        "tollgate.gitops.webhook-secret-env", SECRET_ENV,
                        // Requested runs stay as the webhook left them while the tests read them.
                        "tollgate.gitops.poll-interval", "1h");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    @ReactiveDataSource("policy")
    Pool policy;

    @BeforeEach
    void secretInTheEnvironment() {
        environment(Map.of(SECRET_ENV, SECRET));
    }

    @Test
    void signedGitHubPushToTheBranchRequestsASyncByTheWebhook() {
        String runId = github("push", PUSH, signature(SECRET, PUSH)).post(WEBHOOK)
                .then().statusCode(202)
                .body("outcome", equalTo("requested"))
                .body("runId", notNullValue())
                .extract().path("runId");

        Row run = run(runId);
        assertThat(run.getString("trigger")).isEqualTo("api");
        assertThat(run.getString("requested_by")).isEqualTo("webhook:github");
    }

    @Test
    void gitLabTokenRequestsASyncAndAWrongOneIsRejected() {
        String runId = gitlab("Push Hook", PUSH, SECRET).post(WEBHOOK)
                .then().statusCode(202).extract().path("runId");
        assertThat(run(runId).getString("requested_by")).isEqualTo("webhook:gitlab");

        gitlab("Push Hook", PUSH, SECRET + "x").post(WEBHOOK).then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("X-Gitlab-Token"));
        gitlab("Push Hook", PUSH, "").post(WEBHOOK).then().statusCode(401);
    }

    @Test
    void anythingButTheRightSignatureIs401() {
        github("push", PUSH, signature("another-secret", PUSH)).post(WEBHOOK).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/unauthorized"));
        github("push", PUSH, signature(SECRET, PUSH.replace("policies", "main"))).post(WEBHOOK)
                .then().statusCode(401);
        github("push", PUSH, signature(SECRET, PUSH).replace("sha256=", "sha1=")).post(WEBHOOK)
                .then().statusCode(401);
        github("push", PUSH, "sha256=not-hex").post(WEBHOOK).then().statusCode(401);
        github("push", PUSH, "").post(WEBHOOK).then().statusCode(401);
        given().contentType("application/json").header("X-GitHub-Event", "push").body(PUSH).post(WEBHOOK)
                .then().statusCode(401).body("detail", containsString("X-Hub-Signature-256"));
    }

    @Test
    void aPlatformAdminsTokenIsNoSignature() {
        Accounts.superadmin().request().contentType("application/json").body(PUSH).post(WEBHOOK)
                .then().statusCode(401);
    }

    @Test
    void pingsOtherEventsAndOtherRefsAreAcknowledgedAndIgnored() {
        String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        github("ping", ping, signature(SECRET, ping)).post(WEBHOOK)
                .then().statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("ping"));

        String dev = PUSH.replace("refs/heads/policies", "refs/heads/dev");
        github("push", dev, signature(SECRET, dev)).post(WEBHOOK)
                .then().statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("a push to refs/heads/dev; the policies are read from refs/heads/policies"));
        String tag = PUSH.replace("refs/heads/policies", "refs/tags/policies");
        gitlab("Push Hook", tag, SECRET).post(WEBHOOK).then().statusCode(200).body("outcome", equalTo("ignored"));

        github("issues", PUSH, signature(SECRET, PUSH)).post(WEBHOOK)
                .then().statusCode(200).body("reason", containsString("'issues'"));
        gitlab("Tag Push Hook", PUSH, SECRET).post(WEBHOOK).then().statusCode(200).body("outcome", equalTo("ignored"));
    }

    @Test
    void badBodiesAfterAValidSignatureAreClientErrors() {
        String malformed = "{\"ref\": \"refs/heads/policies\", ";
        github("push", malformed, signature(SECRET, malformed)).post(WEBHOOK)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Malformed JSON"));
        String trailing = "{\"ref\": \"refs/heads/policies\"} x";
        github("push", trailing, signature(SECRET, trailing)).post(WEBHOOK).then().statusCode(400);
        String array = "[1]";
        github("push", array, signature(SECRET, array)).post(WEBHOOK).then().statusCode(400);
        String noRef = "{\"ref\": 42, \"commits\": []}";
        github("push", noRef, signature(SECRET, noRef)).post(WEBHOOK)
                .then().statusCode(400).body("errors", hasKey("ref"));

        String huge = "{\"ref\": \"refs/heads/policies\", \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
        github("push", huge, signature(SECRET, huge)).post(WEBHOOK).then().statusCode(413);
        given().contentType("application/x-www-form-urlencoded").header("X-Hub-Signature-256", signature(SECRET, "a=b"))
                .body("a=b").post(WEBHOOK).then().statusCode(415);
    }

    @Test
    void aSecretVariableThatIsNotSetLeavesTheWebhookOff() {
        environment(Map.of());

        github("push", PUSH, signature(SECRET, PUSH)).post(WEBHOOK)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("webhook"));
    }

    private Row run(String id) {
        return policy.preparedQuery("SELECT trigger, requested_by FROM sync_runs WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next();
    }

    private static void environment(Map<String, String> variables) {
        QuarkusMock.installMockForType(new EnvironmentVariables() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(variables.get(name));
            }
        }, EnvironmentVariables.class);
    }

    private static RequestSpecification github(String event, String body, String signature) {
        return given().contentType("application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", signature).body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification gitlab(String event, String body, String token) {
        return given().contentType("application/json").header("X-Gitlab-Event", event).header("X-Gitlab-Token", token)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What GitHub sends: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    private static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
