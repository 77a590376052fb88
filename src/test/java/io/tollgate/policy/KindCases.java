package io.tollgate.policy;

import static io.tollgate.policy.KindTestBase.GIT;
import static io.tollgate.policy.KindTestBase.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.identity.internal.domain.OrgChange;
import io.tollgate.identity.internal.domain.ProjectChange;
import io.tollgate.catalog.TestDns;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One row per kind of the contract test's table: a declared object with its prerequisites, and ways to vary it.
 * Not a bean: the gateway-role tests' application would then have to build the services, without databases.
 */
final class KindCases {

    static final List<String> KINDS = List.of("Organization", "Project", "RoleBinding", "Provider", "Model", "Price",
            "RateLimit", "Budget");

    interface Case {
        /** Creates what the object needs (through the kinds, as the reconciler would) and declares it. */
        PolicyObject arrange();

        /** A spec with every managed field changed. */
        ObjectNode changed(PolicyObject declared);

        /** Changes a managed field of the created object outside Git (through the owning service). */
        void drift(PolicyObject declared);

        /** An object whose reference names something that does not exist; empty for kinds without references. */
        Optional<PolicyObject> dangling();

        /** A spec valid against the schema's shape that the service refuses. */
        ObjectNode invalid(PolicyObject declared);
    }

    private final Instance<PolicyKind> kinds;
    private final OrgService orgs;
    private final ProjectService projects;
    private final ProviderService providers;
    private final ModelService models;
    private static Session root;

    KindCases(Instance<PolicyKind> kinds, OrgService orgs, ProjectService projects, ProviderService providers,
            ModelService models) {
        this.kinds = kinds;
        this.orgs = orgs;
        this.projects = projects;
        this.providers = providers;
        this.models = models;
    }

    /** A superadmin of the management API, for changes made outside Git. */
    static synchronized Session root() {
        if (root == null) {
            root = Accounts.superadmin();
        }
        return root;
    }

    UUID orgId(String slug) {
        return await(orgs.bySlug(slug)).id();
    }

    /** The id of the organisation's (or the platform's, for null) provider of this name. */
    UUID providerId(String org, String name) {
        UUID orgId = org == null ? null : orgId(org);
        return await(providers.page(AccessFactory.platform(GIT), null, Integer.MAX_VALUE)).stream()
                .filter(p -> Objects.equals(p.orgId(), orgId) && p.name().equals(name)).findFirst().orElseThrow().id();
    }

    UUID modelId(String name) {
        return await(models.page(AccessFactory.platform(GIT), null, Integer.MAX_VALUE)).stream()
                .filter(m -> m.model().name().equals(name)).findFirst().orElseThrow().model().id();
    }

    /** A new organisation with an OpenAI-compatible provider named {@code openai}; emits the organisation's slug. */
    String organisationWithProvider() {
        String org = organisation();
        create(Documents.object("""
                apiVersion: tollgate.io/v1
                kind: Provider
                metadata: {namespace: %s, name: openai}
                spec: {type: openai, baseUrl: "https://%s/v1"}
                """.formatted(org, TestDns.PUBLIC_HOST)));
        return org;
    }

    /** A new model of the organisation on its {@code openai} provider; emits the model's name. */
    String model(String org) {
        String name = Unique.slug("mini");
        create(Documents.object("""
                apiVersion: tollgate.io/v1
                kind: Model
                metadata: {namespace: %s, name: %s}
                spec:
                  deployments:
                    - {provider: openai, providerNamespace: %s, upstreamModel: gpt-4o-mini}
                """.formatted(org, name, org)));
        return name;
    }

    Case of(String kind) {
        return switch (kind) {
            case "Organization" -> new OrganizationCase();
            case "Project" -> new ProjectCase();
            case "RoleBinding" -> new RoleBindingCase();
            case "Provider" -> new ProviderCase();
            case "Model" -> new ModelCase();
            case "Price" -> new PriceCase();
            case "RateLimit" -> new RateLimitCase();
            case "Budget" -> new BudgetCase();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A new organisation, created through its kind; emits its slug. */
    String organisation() {
        String slug = Unique.slug("org");
        create(Documents.object("""
                apiVersion: tollgate.io/v1
                kind: Organization
                metadata: {name: %s}
                spec: {displayName: Policy test org}
                """.formatted(slug)));
        return slug;
    }

    void create(PolicyObject object) {
        await(kind(object.ref().kind()).create(object, GIT));
    }

    private PolicyKind kind(String name) {
        return kinds.stream().filter(kind -> kind.traits().kind().equals(name)).findFirst().orElseThrow();
    }

    private final class RoleBindingCase implements Case {
        @Override
        public PolicyObject arrange() {
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: RoleBinding
                    metadata: {namespace: %s, name: %s}
                    spec: {role: developer}
                    """.formatted(organisation(), Accounts.user(root()).email()));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{role: admin}");
        }

        @Override
        public void drift(PolicyObject declared) {
            UUID orgId = orgId(declared.ref().namespace());
            String userId = root().request().get("/admin/v1/orgs/" + orgId + "/members").then().statusCode(200)
                    .extract().path("items.find { it.email == '%s' }.userId".formatted(declared.ref().name()));
            root().request().contentType("application/json").body(Map.of("role", "viewer"))
                    .patch("/admin/v1/orgs/" + orgId + "/members/" + userId).then().statusCode(200);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: RoleBinding
                    metadata: {namespace: %s, name: someone@test.tollgate}
                    spec: {role: viewer}
                    """.formatted(Unique.slug("no-such-org"))));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{role: superadmin}");
        }
    }

    private final class ProviderCase implements Case {
        @Override
        public PolicyObject arrange() {
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Provider
                    metadata: {namespace: %s, name: openai}
                    spec:
                      type: openai
                      baseUrl: " https://%s/v1/ "
                      extraHeaders: {X-Team: search}
                      timeouts: {totalMs: 120000}
                    """.formatted(organisation(), TestDns.PUBLIC_HOST));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("""
                    type: openai
                    baseUrl: https://%s/v2
                    timeouts: {connectMs: 2000, firstByteMs: 30000, idleMs: 10000, totalMs: 60000}
                    maxConcurrent: 50
                    """.formatted(TestDns.PUBLIC_HOST));
        }

        @Override
        public void drift(PolicyObject declared) {
            root().request().contentType("application/json").body(Map.of("maxConcurrent", 7))
                    .patch("/admin/v1/providers/" + providerId(declared.ref().namespace(), declared.ref().name()))
                    .then().statusCode(200);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Provider
                    metadata: {namespace: %s, name: openai}
                    spec: {type: simulator}
                    """.formatted(Unique.slug("no-such-org"))));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("""
                    type: openai
                    baseUrl: https://%s/v1
                    timeouts: {connectMs: 10000, totalMs: 5000}
                    """.formatted(TestDns.PUBLIC_HOST));
        }
    }

    private final class ModelCase implements Case {
        @Override
        public PolicyObject arrange() {
            String org = organisationWithProvider();
            String fallback = model(org);
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Model
                    metadata: {namespace: %1$s, name: %2$s}
                    spec:
                      audience: [{organization: %1$s}]
                      fallbacks: [{model: %3$s, namespace: %1$s}]
                      capabilities: {tools: true, maxContextTokens: 128000}
                      deployments:
                        - {provider: openai, providerNamespace: %1$s, upstreamModel: gpt-4o-mini, priority: 1}
                        - {provider: openai, providerNamespace: %1$s, upstreamModel: gpt-4o, weight: 3, rpm: 600}
                    """.formatted(org, Unique.slug("chat"), fallback));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("""
                    strategy: least-busy
                    retry: {attempts: 3, backoffMs: 50}
                    capabilities: {chat: true, vision: true}
                    deployments:
                      - {provider: openai, providerNamespace: %s, upstreamModel: gpt-4.1, maxConcurrent: 10, tpm: 100000}
                    """.formatted(declared.ref().namespace()));
        }

        @Override
        public void drift(PolicyObject declared) {
            root().request().contentType("application/json").body(Map.of("strategy", "lowest-latency"))
                    .patch("/admin/v1/models/" + modelId(declared.ref().name())).then().statusCode(200);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            String org = organisation();
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Model
                    metadata: {namespace: %1$s, name: %2$s}
                    spec:
                      deployments: [{provider: no-such-provider, providerNamespace: %1$s, upstreamModel: gpt-4o}]
                    """.formatted(org, Unique.slug("chat"))));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("""
                    deployments: [{provider: openai, providerNamespace: %s, upstreamModel: gpt-4o, weight: 0}]
                    """.formatted(declared.ref().namespace()));
        }
    }

    private final class PriceCase implements Case {
        @Override
        public PolicyObject arrange() {
            String org = organisationWithProvider();
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Price
                    metadata: {namespace: %s, name: %s}
                    spec: {inputPer1M: "2.50", outputPer1M: "10.000", currency: USD}
                    """.formatted(org, model(org)));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{inputPer1M: \"3\", outputPer1M: \"12\", cachedInputPer1M: \"1.25\", currency: EUR}");
        }

        @Override
        public void drift(PolicyObject declared) {
            root().request().contentType("application/json")
                    .body(Map.of("inputPer1M", "9.99", "outputPer1M", "10", "currency", "USD"))
                    .post("/admin/v1/models/" + modelId(declared.ref().name()) + "/prices").then().statusCode(201);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Price
                    metadata: {namespace: %s, name: no-such-model}
                    spec: {inputPer1M: "1", outputPer1M: "2", currency: USD}
                    """.formatted(organisation())));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{inputPer1M: \"1\", outputPer1M: \"2\", currency: ABC}");
        }
    }

    private final class RateLimitCase implements Case {
        @Override
        public PolicyObject arrange() {
            String org = organisation();
            create(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Project
                    metadata: {namespace: %s, name: search}
                    spec: {displayName: Search}
                    """.formatted(org)));
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: RateLimit
                    metadata: {namespace: %s, name: search}
                    spec:
                      requestsPerMinute: 100
                      models:
                        gpt-4o: {tokensPerMinute: 50000}
                    """.formatted(org));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{tokensPerMinute: 200000, maxConcurrent: 5}");
        }

        @Override
        public void drift(PolicyObject declared) {
            UUID orgId = orgId(declared.ref().namespace());
            UUID projectId = await(projects.bySlug(orgId, declared.ref().name())).id();
            root().request().contentType("application/json").body(Map.of("requestsPerMinute", 1))
                    .put("/admin/v1/orgs/" + orgId + "/projects/" + projectId + "/limits").then().statusCode(200);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: RateLimit
                    metadata: {namespace: %s, name: no-such-project}
                    spec: {requestsPerMinute: 100}
                    """.formatted(organisation())));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{requestsPerMinute: 2000000}");
        }
    }

    private final class BudgetCase implements Case {
        @Override
        public PolicyObject arrange() {
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Budget
                    metadata: {namespace: %1$s, name: %1$s}
                    spec: {daily: "25.50", monthly: "500", currency: USD}
                    """.formatted(organisation()));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{monthly: \"1000.000001\", currency: EUR, softThresholdPercent: 90}");
        }

        @Override
        public void drift(PolicyObject declared) {
            UUID orgId = orgId(declared.ref().namespace());
            root().request().contentType("application/json").body(Map.of("daily", "1", "currency", "USD"))
                    .put("/admin/v1/orgs/" + orgId + "/budgets").then().statusCode(200);
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Budget
                    metadata: {namespace: %1$s, name: %1$s}
                    spec: {daily: "1", currency: USD}
                    """.formatted(Unique.slug("no-such-org"))));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{daily: \"1.1234567\", currency: USD}");
        }
    }

    private final class OrganizationCase implements Case {
        @Override
        public PolicyObject arrange() {
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Organization
                    metadata: {name: %s}
                    spec:
                      displayName: "  Acme Corp  "
                    """.formatted(Unique.slug("acme")));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{displayName: Acme Holdings, status: suspended}");
        }

        @Override
        public void drift(PolicyObject declared) {
            var org = await(orgs.bySlug(declared.ref().name()));
            await(orgs.update(org.id(), OrgChange.of("Renamed through the API", null), org.version(), GIT));
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.empty();
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{displayName: Acme, status: deleted}");
        }
    }

    private final class ProjectCase implements Case {
        @Override
        public PolicyObject arrange() {
            return Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Project
                    metadata: {namespace: %s, name: search}
                    spec: {displayName: Search}
                    """.formatted(organisation()));
        }

        @Override
        public ObjectNode changed(PolicyObject declared) {
            return Documents.spec("{displayName: Search and ranking}");
        }

        @Override
        public void drift(PolicyObject declared) {
            UUID orgId = orgId(declared.ref().namespace());
            var project = await(projects.bySlug(orgId, declared.ref().name()));
            await(projects.rename(orgId, project.id(), ProjectChange.of("Renamed through the API"), GIT));
        }

        @Override
        public Optional<PolicyObject> dangling() {
            return Optional.of(Documents.object("""
                    apiVersion: tollgate.io/v1
                    kind: Project
                    metadata: {namespace: %s, name: search}
                    spec: {displayName: Search}
                    """.formatted(Unique.slug("no-such-org"))));
        }

        @Override
        public ObjectNode invalid(PolicyObject declared) {
            return Documents.spec("{displayName: \"" + "x".repeat(201) + "\"}");
        }
    }
}
