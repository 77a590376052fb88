package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import org.awaitility.Awaitility;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.catalog.TestDns;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.internal.application.Reconciler;
import io.tollgate.policy.internal.application.Reconciler.Result;
import io.tollgate.policy.internal.domain.Action;
import io.tollgate.policy.internal.domain.Change;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.policy.internal.source.KnownHosts;
import io.tollgate.policy.internal.source.SshAccess;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The "done when" through the real kinds of identity, the catalog and quota, a real Git repository in a
 * temporary directory and the real services: initial sync, no-op, drift restored and audited with the provider's
 * key untouched, an invalid commit that applies nothing, pruning only where enabled; and a repository served over SSH
 * by a real SSH server, applied only once its host key is the known one.
 */
@QuarkusTest
class GitOpsEndToEndTest extends KindTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Reconciler reconciler;

    @Inject
    @ReactiveDataSource("audit")
    Pool audit;

    @Test
    void gitDeclaresTheTenantItsProviderAndBudgetAndKeepsThemSo() {
        String org = Unique.slug("gitops");
        try (PolicyRepo repo = PolicyRepo.create()) {
            String first = repo.write("org.yaml", organization(org, "Acme"))
                    .write(org + "/project.yaml", project(org, "Search"))
                    .write(org + "/provider.yaml", provider(org))
                    .write(org + "/budget.yaml", budget(org, "500"))
                    .commit("a tenant");
            GitSource source = repo.source();

            Result initial = sync(source);

            assertThat(initial.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(initial.plan().changes()).extracting(c -> c.action(), c -> c.ref().kind()).containsExactly(
                    tuple(Action.CREATE, "Organization"), tuple(Action.CREATE, "Project"),
                    tuple(Action.CREATE, "Provider"), tuple(Action.CREATE, "Budget"));
            assertThat(observed("Organization", null, org).get("displayName").asText()).isEqualTo("Acme");
            assertThat(new BigDecimal(observed("Budget", org, org).get("monthly").asText())).isEqualByComparingTo("500");
            assertThat(sync(source).outcome()).as("a second sync changes nothing").isEqualTo(Outcome.UNCHANGED);

            String provider = "/admin/v1/providers/" + cases.providerId(org, "openai");
            cases.root().request().contentType("application/json")
                    .body(Map.of("apiKey", "sk-test-key-9876", "maxConcurrent", 7)).patch(provider)
                    .then().statusCode(200);

            Result restore = sync(source);

            assertThat(restore.plan().drift()).singleElement().satisfies(drift -> {
                assertThat(drift.ref()).isEqualTo(new ObjectRef("Provider", org, "openai"));
                assertThat(drift.fields()).extracting(f -> f.path()).containsExactly("/maxConcurrent");
            });
            assertThat(restore.plan().changes()).singleElement().satisfies(c -> assertThat(c.restoresDrift()).isTrue());
            cases.root().request().get(provider).then().statusCode(200)
                    .body("apiKeyLast4", equalTo("9876"))
                    .body("maxConcurrent", equalTo(null));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(audited("Provider/" + org + "/openai"))
                    .containsExactly("policy.drift-detected.v1", "policy.drift-restored.v1"));

            String invalid = repo.write(org + "/project.yaml", project(org, "Search v2"))
                    .write(org + "/budget.yaml", budget(org, "500").replace("USD", "dollars"))
                    .commit("a good change and a bad one");
            Result rejected = sync(source);

            assertThat(rejected.outcome()).isEqualTo(Outcome.INVALID);
            assertThat(rejected.commit()).isEqualTo(invalid);
            assertThat(rejected.errors()).singleElement().satisfies(error -> {
                assertThat(error.file()).isEqualTo(org + "/budget.yaml");
                assertThat(error.line()).isEqualTo(5);
                assertThat(error.kind()).isEqualTo("Budget");
            });
            assertThat(observed("Project", org, "search").get("displayName").asText()).isEqualTo("Search");

            repo.delete(org + "/budget.yaml").delete(org + "/project.yaml").commit("no budget, no project");
            Result pruned = sync(source);

            assertThat(pruned.plan().changes()).extracting(Change::action, c -> c.ref().kind())
                    .containsExactly(tuple(Action.DELETE, "Budget"), tuple(Action.RELEASE, "Project"));
            assertThat(observedOrNull("Budget", org, org)).isNull();
            assertThat(observed("Project", org, "search").get("displayName").asText()).isEqualTo("Search");
            assertThat(first).isNotEqualTo(invalid);
        }
    }

    @Test
    void aRepositoryOverSshIsSyncedOnlyFromTheKnownHost() throws IOException {
        String org = Unique.slug("gitops-ssh");
        KeyPair key = SshGitServer.ed25519KeyPair();
        try (PolicyRepo repo = PolicyRepo.create();
                SshGitServer server = SshGitServer.serve(repo.dir(), key.getPublic())) {
            String commit = repo.write("org.yaml", organization(org, "Acme over SSH")).commit("a tenant over SSH");

            Result impostor = sync(overSsh(server, key, server.otherKnownHostsLine()));

            assertThat(impostor.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(impostor.errors()).singleElement().satisfies(error -> assertThat(error.reason())
                    .startsWith("cannot fetch " + server.url()).contains("is not listed in the test known_hosts"));
            assertThat(observedOrNull("Organization", null, org)).isNull();

            Result applied = sync(overSsh(server, key, server.knownHostsLine()));

            assertThat(applied.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(applied.commit()).isEqualTo(commit);
            assertThat(observed("Organization", null, org).get("displayName").asText()).isEqualTo("Acme over SSH");
        }
    }

    private static GitSource overSsh(SshGitServer server, KeyPair key, String knownHosts) throws IOException {
        return new GitSource(server.url(), "main", "policies", Files.createTempDirectory("policy-clone"),
                () -> SshAccess.of("the test key", SshGitServer.openSsh(key, null), Optional.empty(),
                        KnownHosts.parse("the test known_hosts", knownHosts)));
    }

    private Result sync(GitSource source) {
        return reconciler.reconcile(source, "end-to-end", true).await().atMost(WAIT);
    }

    private ObjectNode observed(String kind, String namespace, String name) {
        ObjectNode spec = observedOrNull(kind, namespace, name);
        assertThat(spec).as(kind + " " + name).isNotNull();
        return spec;
    }

    private ObjectNode observedOrNull(String kind, String namespace, String name) {
        ObjectRef ref = new ObjectRef(kind, namespace, name);
        return kinds.stream().filter(k -> k.traits().kind().equals(kind)).findFirst().orElseThrow().observe()
                .await().atMost(WAIT).stream().filter(o -> o.ref().equals(ref)).map(PolicyObject::spec)
                .findFirst().orElse(null);
    }

    private List<String> audited(String subject) {
        List<String> types = new ArrayList<>();
        for (Row row : audit.preparedQuery("SELECT event_type FROM audit_entries WHERE subject = $1 "
                + "AND event_type LIKE 'policy.%' ORDER BY occurred_at, id").execute(Tuple.of(subject))
                .await().atMost(WAIT)) {
            types.add(row.getString(0));
        }
        return types;
    }

    private static String organization(String slug, String displayName) {
        return "apiVersion: tollgate.io/v1\nkind: Organization\nmetadata:\n  name: %s\nspec:\n  displayName: %s\n"
                .formatted(slug, displayName);
    }

    private static String project(String org, String displayName) {
        return "apiVersion: tollgate.io/v1\nkind: Project\nmetadata: {namespace: %s, name: search}\nspec:\n"
                .formatted(org) + "  displayName: " + displayName + "\n";
    }

    private static String provider(String org) {
        return """
                apiVersion: tollgate.io/v1
                kind: Provider
                metadata: {namespace: %s, name: openai}
                spec:
                  type: openai
                  baseUrl: https://%s/v1
                """.formatted(org, TestDns.PUBLIC_HOST);
    }

    private static String budget(String org, String monthly) {
        return """
                apiVersion: tollgate.io/v1
                kind: Budget
                metadata: {namespace: %1$s, name: %1$s}
                spec:
                  currency: USD
                  monthly: "%2$s"
                """.formatted(org, monthly);
    }
}
