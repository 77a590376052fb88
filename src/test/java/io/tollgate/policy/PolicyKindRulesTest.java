package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.catalog.TestDns;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What particular kinds promise beyond the common contract: secrets stay the API's, names follow their rules. */
@QuarkusTest
class PolicyKindRulesTest extends KindTestBase {

    @Test
    void everyKindIsABeanAndOwnersComeFirst() {
        List<String> byRank = kinds.stream().map(PolicyKind::traits).sorted(Comparator.comparingInt(KindTraits::rank))
                .map(KindTraits::kind).toList();

        assertThat(byRank).containsExactlyInAnyOrderElementsOf(KindCases.KINDS);
        assertThat(byRank).containsSubsequence("Organization", "Project", "Provider", "Model", "Price", "RateLimit");
        assertThat(byRank).containsSubsequence("Organization", "Project", "Budget");
        assertThat(byRank).containsSubsequence("Organization", "RoleBinding");
    }

    @Test
    void theExampleRepositoryDeclaresEverythingItsObjectsNeed() {
        List<PolicyObject> examples = Documents.under(PolicySchemasTest.EXAMPLES).stream().map(Documents::object).toList();
        List<ObjectRef> declared = examples.stream().map(PolicyObject::ref).toList();

        assertThat(examples).allSatisfy(object -> assertThat(declared).as(object.ref().toString())
                .containsAll(kind(object.ref().kind()).dependencies(object)));
    }

    @Test
    void theExampleRepositoryAppliesAndIsObservedAsDeclared() {
        String org = Unique.slug("acme");
        String user = "ana@" + org + ".example";
        cases.root().request().contentType("application/json")
                .body(Map.of("email", user, "displayName", "Ana", "password", Accounts.PASSWORD))
                .post("/admin/v1/users").then().statusCode(201);
        // Names unique per run: the example's organisation, its global model names and the platform's provider.
        List<PolicyObject> examples = Documents.under(PolicySchemasTest.EXAMPLES, yaml -> yaml.replace("acme", org)
                .replace("sim-chat", org + "-sim").replace("name: simulator", "name: " + org + "-sim")
                .replace("provider: simulator", "provider: " + org + "-sim")
                .replace("https://api.openai.com/v1", "https://" + TestDns.PUBLIC_HOST + "/v1"))
                .stream().map(Documents::object).toList();

        for (PolicyObject object : inDependencyOrder(examples)) {
            await(kind(object.ref().kind()).create(object, GIT));
        }

        assertThat(examples).allSatisfy(object -> assertThat(observed(object.ref()))
                .as(object.ref().toString()).contains(kind(object.ref().kind()).normalise(object.spec())));
    }

    /** By rank, and within a rank each object after the declared objects it needs (a model after its fallbacks). */
    private List<PolicyObject> inDependencyOrder(List<PolicyObject> objects) {
        List<PolicyObject> pending = new ArrayList<>(objects);
        pending.sort(Comparator.comparingInt(o -> kind(o.ref().kind()).traits().rank()));
        List<PolicyObject> ordered = new ArrayList<>();
        Set<ObjectRef> declared = objects.stream().map(PolicyObject::ref).collect(Collectors.toSet());
        Set<ObjectRef> done = new HashSet<>();
        while (!pending.isEmpty()) {
            PolicyObject next = pending.stream().filter(o -> kind(o.ref().kind()).dependencies(o).stream()
                    .filter(declared::contains).allMatch(done::contains)).findFirst().orElseThrow();
            pending.remove(next);
            ordered.add(next);
            done.add(next.ref());
        }
        return ordered;
    }

    @Test
    void aProviderKeySetThroughTheApiSurvivesEverySync() {
        String org = cases.organisation();
        PolicyObject declared = provider(org, "type: openai\nbaseUrl: https://" + TestDns.PUBLIC_HOST + "/v1");
        await(kind("Provider").create(declared, GIT));
        String url = "/admin/v1/providers/" + cases.providerId(org, "openai");
        Session root = cases.root();
        root.request().contentType("application/json").body(Map.of("apiKey", "sk-test-" + UUID.randomUUID() + "WXYZ"))
                .patch(url).then().statusCode(200).body("apiKeyLast4", equalTo("WXYZ"));

        await(kind("Provider").update(new PolicyObject(declared.ref(), Documents.spec(
                "{type: openai, baseUrl: \"https://" + TestDns.PUBLIC_HOST + "/v2\", maxConcurrent: 9}")), GIT));

        root.request().get(url).then().statusCode(200).body("hasCredential", equalTo(true))
                .body("apiKeyLast4", equalTo("WXYZ")).body("maxConcurrent", equalTo(9));
        assertThat(observed(declared.ref()).orElseThrow().properties())
                .extracting(Map.Entry::getKey).doesNotContain("apiKey", "credentialHeaders", "hasCredential", "apiKeyLast4");
    }

    @Test
    void aProviderThatNeedsAKeyIsDeclaredWithoutOneAndGetsItThroughTheApi() {
        String org = cases.organisation();
        PolicyObject declared = provider(org, "type: anthropic\nbaseUrl: https://" + TestDns.PUBLIC_HOST);

        await(kind("Provider").create(declared, GIT));

        cases.root().request().get("/admin/v1/providers/" + cases.providerId(org, "openai")).then().statusCode(200)
                .body("type", equalTo("anthropic")).body("hasCredential", equalTo(false));
    }

    @Test
    void aProvidersTypeCannotChange() {
        PolicyObject declared = provider(cases.organisation(), "type: openai\nbaseUrl: https://" + TestDns.PUBLIC_HOST);
        await(kind("Provider").create(declared, GIT));

        assertThatThrownBy(() -> await(kind("Provider").update(
                new PolicyObject(declared.ref(), Documents.spec("{type: simulator}")), GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.getMessage()).contains("type cannot change");
                });
    }

    @Test
    void aModelDeploysOnlyOnItsOwnOrganisationsOrPlatformProviders() {
        String other = cases.organisationWithProvider();
        PolicyObject declared = Documents.object("""
                apiVersion: tollgate.io/v1
                kind: Model
                metadata: {namespace: %s, name: %s}
                spec:
                  deployments: [{provider: openai, providerNamespace: %s, upstreamModel: gpt-4o}]
                """.formatted(cases.organisation(), Unique.slug("chat"), other));

        assertThat(kind("Model").dependencies(declared)).contains(new ObjectRef("Provider", other, "openai"));
        assertThatThrownBy(() -> await(kind("Model").create(declared, GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE));
    }

    @Test
    void organisationLimitsClearBackToThePlatformDefaults() {
        String org = cases.organisation();
        PolicyObject declared = Documents.object("""
                apiVersion: tollgate.io/v1
                kind: RateLimit
                metadata: {namespace: %1$s, name: %1$s}
                spec: {requestsPerMinute: 300, maxConcurrent: 20}
                """.formatted(org));
        PolicyKind rateLimits = kind("RateLimit");
        await(rateLimits.create(declared, GIT));
        assertThat(rateLimits.dependencies(declared)).containsExactly(ObjectRef.platformWide("Organization", org));
        assertThat(observed(declared.ref())).contains(rateLimits.normalise(declared.spec()));

        await(rateLimits.delete(declared.ref(), GIT));

        assertThat(observed(declared.ref())).isEmpty();
        cases.root().request().get("/admin/v1/orgs/" + cases.orgId(org) + "/limits").then().statusCode(200)
                .body("requestsPerMinute", equalTo(60000)).body("maxConcurrent", equalTo(null));
    }

    @Test
    void aBudgetIsNamedAfterItsOrganisation() {
        PolicyObject misnamed = Documents.object("""
                apiVersion: tollgate.io/v1
                kind: Budget
                metadata: {namespace: %s, name: monthly}
                spec: {monthly: "10", currency: USD}
                """.formatted(cases.organisation()));

        assertThatThrownBy(() -> await(kind("Budget").create(misnamed, GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE);
                    assertThat(e.getMessage()).contains("named after its organisation");
                });
    }

    @Test
    void aRoleBindingNeedsAnExistingUserAndTheLastOwnerStays() {
        String org = cases.organisation();
        PolicyObject stranger = Documents.object("""
                apiVersion: tollgate.io/v1
                kind: RoleBinding
                metadata: {namespace: %s, name: %s}
                spec: {role: viewer}
                """.formatted(org, Unique.slug("nobody") + "@test.tollgate"));
        assertThatThrownBy(() -> await(kind("RoleBinding").create(stranger, GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.fieldErrors()).containsKey("email"));

        PolicyObject owner = Documents.object("""
                apiVersion: tollgate.io/v1
                kind: RoleBinding
                metadata: {namespace: %s, name: %s}
                spec: {role: owner}
                """.formatted(org, Accounts.user(cases.root()).email()));
        await(kind("RoleBinding").create(owner, GIT));
        assertThatThrownBy(() -> await(kind("RoleBinding").delete(owner.ref(), GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThat(observed(owner.ref())).contains(Documents.spec("{role: owner}"));
    }

    private static PolicyObject provider(String org, String spec) {
        return Documents.object("apiVersion: tollgate.io/v1\nkind: Provider\nmetadata: {namespace: " + org
                + ", name: openai}\nspec:\n" + Stream.of(spec.split("\n")).map(line -> "  " + line + "\n")
                .reduce("", String::concat));
    }
}
