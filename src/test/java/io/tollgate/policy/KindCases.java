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
import io.tollgate.policy.api.ObjectRef;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
        create(document("Provider", org, "openai",
                "{type: openai, baseUrl: \"https://%s/v1\"}".formatted(TestDns.PUBLIC_HOST)));
        return org;
    }

    /** A new model of the organisation on its {@code openai} provider; emits the model's name. */
    String model(String org) {
        String name = Unique.slug("mini");
        create(document("Model", org, name, """
                deployments:
                  - {provider: openai, providerNamespace: %s, upstreamModel: gpt-4o-mini}
                """.formatted(org)));
        return name;
    }

    Case of(String kind) {
        return switch (kind) {
            case "Organization" -> organizationCase();
            case "Project" -> projectCase();
            case "RoleBinding" -> roleBindingCase();
            case "Provider" -> providerCase();
            case "Model" -> modelCase();
            case "Price" -> priceCase();
            case "RateLimit" -> rateLimitCase();
            case "Budget" -> budgetCase();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A new organisation, created through its kind; emits its slug. */
    String organisation() {
        String slug = Unique.slug("org");
        create(document("Organization", null, slug, "{displayName: Policy test org}"));
        return slug;
    }

    void create(PolicyObject object) {
        await(kind(object.ref().kind()).create(object, GIT));
    }

    private PolicyKind kind(String name) {
        return kinds.stream().filter(kind -> kind.traits().kind().equals(name)).findFirst().orElseThrow();
    }

    /** The object a document in Git declares; {@code namespace} null for a platform-wide one, {@code spec} in YAML. */
    private static PolicyObject document(String kind, String namespace, String name, String spec) {
        return new PolicyObject(new ObjectRef(kind, namespace, name), Documents.spec(spec));
    }

    /** A row of the table, its parts as {@link Case} describes them; {@code changed} and {@code invalid} give YAML. */
    private static Case row(Supplier<PolicyObject> arrange, Function<PolicyObject, String> changed,
            Consumer<PolicyObject> drift, Supplier<Optional<PolicyObject>> dangling,
            Function<PolicyObject, String> invalid) {
        return new Case() {
            @Override
            public PolicyObject arrange() {
                return arrange.get();
            }

            @Override
            public ObjectNode changed(PolicyObject declared) {
                return Documents.spec(changed.apply(declared));
            }

            @Override
            public void drift(PolicyObject declared) {
                drift.accept(declared);
            }

            @Override
            public Optional<PolicyObject> dangling() {
                return dangling.get();
            }

            @Override
            public ObjectNode invalid(PolicyObject declared) {
                return Documents.spec(invalid.apply(declared));
            }
        };
    }

    private Case organizationCase() {
        return row(() -> document("Organization", null, Unique.slug("acme"), "{displayName: \"  Acme Corp  \"}"),
                declared -> "{displayName: Acme Holdings, status: suspended}",
                declared -> {
                    var org = await(orgs.bySlug(declared.ref().name()));
                    await(orgs.update(org.id(), OrgChange.of("Renamed through the API", null), org.version(), GIT));
                },
                Optional::empty,
                declared -> "{displayName: Acme, status: deleted}");
    }

    private Case projectCase() {
        return row(() -> document("Project", organisation(), "search", "{displayName: Search}"),
                declared -> "{displayName: Search and ranking}",
                declared -> {
                    UUID orgId = orgId(declared.ref().namespace());
                    var project = await(projects.bySlug(orgId, declared.ref().name()));
                    await(projects.rename(orgId, project.id(), ProjectChange.of("Renamed through the API"), GIT));
                },
                () -> Optional.of(document("Project", Unique.slug("no-such-org"), "search", "{displayName: Search}")),
                declared -> "{displayName: \"" + "x".repeat(201) + "\"}");
    }

    private Case roleBindingCase() {
        return row(() -> document("RoleBinding", organisation(), Accounts.user(root()).email(), "{role: developer}"),
                declared -> "{role: admin}",
                declared -> {
                    UUID orgId = orgId(declared.ref().namespace());
                    String userId = root().request().get("/admin/v1/orgs/" + orgId + "/members").then().statusCode(200)
                            .extract().path("items.find { it.email == '%s' }.userId".formatted(declared.ref().name()));
                    root().request().contentType("application/json").body(Map.of("role", "viewer"))
                            .patch("/admin/v1/orgs/" + orgId + "/members/" + userId).then().statusCode(200);
                },
                () -> Optional.of(document("RoleBinding", Unique.slug("no-such-org"), "someone@test.tollgate",
                        "{role: viewer}")),
                declared -> "{role: superadmin}");
    }

    private Case providerCase() {
        return row(() -> document("Provider", organisation(), "openai", """
                        type: openai
                        baseUrl: " https://%s/v1/ "
                        extraHeaders: {X-Team: search}
                        timeouts: {totalMs: 120000}
                        """.formatted(TestDns.PUBLIC_HOST)),
                declared -> """
                        type: openai
                        baseUrl: https://%s/v2
                        timeouts: {connectMs: 2000, firstByteMs: 30000, idleMs: 10000, totalMs: 60000}
                        maxConcurrent: 50
                        """.formatted(TestDns.PUBLIC_HOST),
                declared -> root().request().contentType("application/json").body(Map.of("maxConcurrent", 7))
                        .patch("/admin/v1/providers/" + providerId(declared.ref().namespace(), declared.ref().name()))
                        .then().statusCode(200),
                () -> Optional.of(document("Provider", Unique.slug("no-such-org"), "openai", "{type: simulator}")),
                declared -> """
                        type: openai
                        baseUrl: https://%s/v1
                        timeouts: {connectMs: 10000, totalMs: 5000}
                        """.formatted(TestDns.PUBLIC_HOST));
    }

    private Case modelCase() {
        return row(() -> {
                    String org = organisationWithProvider();
                    String fallback = model(org);
                    return document("Model", org, Unique.slug("chat"), """
                            audience: [{organization: %1$s}]
                            fallbacks: [{model: %2$s, namespace: %1$s}]
                            capabilities: {tools: true, maxContextTokens: 128000}
                            deployments:
                              - {provider: openai, providerNamespace: %1$s, upstreamModel: gpt-4o-mini, priority: 1}
                              - {provider: openai, providerNamespace: %1$s, upstreamModel: gpt-4o, weight: 3, rpm: 600}
                            """.formatted(org, fallback));
                },
                declared -> """
                        strategy: least-busy
                        retry: {attempts: 3, backoffMs: 50}
                        capabilities: {chat: true, vision: true}
                        deployments:
                          - {provider: openai, providerNamespace: %s, upstreamModel: gpt-4.1, maxConcurrent: 10, tpm: 100000}
                        """.formatted(declared.ref().namespace()),
                declared -> root().request().contentType("application/json").body(Map.of("strategy", "lowest-latency"))
                        .patch("/admin/v1/models/" + modelId(declared.ref().name())).then().statusCode(200),
                () -> {
                    String org = organisation();
                    return Optional.of(document("Model", org, Unique.slug("chat"),
                            "deployments: [{provider: no-such-provider, providerNamespace: %s, upstreamModel: gpt-4o}]"
                                    .formatted(org)));
                },
                declared -> "deployments: [{provider: openai, providerNamespace: %s, upstreamModel: gpt-4o, weight: 0}]"
                        .formatted(declared.ref().namespace()));
    }

    private Case priceCase() {
        return row(() -> {
                    String org = organisationWithProvider();
                    return document("Price", org, model(org),
                            "{inputPer1M: \"2.50\", outputPer1M: \"10.000\", currency: USD}");
                },
                declared -> "{inputPer1M: \"3\", outputPer1M: \"12\", cachedInputPer1M: \"1.25\", currency: EUR}",
                declared -> root().request().contentType("application/json")
                        .body(Map.of("inputPer1M", "9.99", "outputPer1M", "10", "currency", "USD"))
                        .post("/admin/v1/models/" + modelId(declared.ref().name()) + "/prices").then().statusCode(201),
                () -> Optional.of(document("Price", organisation(), "no-such-model",
                        "{inputPer1M: \"1\", outputPer1M: \"2\", currency: USD}")),
                declared -> "{inputPer1M: \"1\", outputPer1M: \"2\", currency: ABC}");
    }

    private Case rateLimitCase() {
        return row(() -> {
                    String org = organisation();
                    create(document("Project", org, "search", "{displayName: Search}"));
                    return document("RateLimit", org, "search", """
                            requestsPerMinute: 100
                            models:
                              gpt-4o: {tokensPerMinute: 50000}
                            """);
                },
                declared -> "{tokensPerMinute: 200000, maxConcurrent: 5}",
                declared -> {
                    UUID orgId = orgId(declared.ref().namespace());
                    UUID projectId = await(projects.bySlug(orgId, declared.ref().name())).id();
                    root().request().contentType("application/json").body(Map.of("requestsPerMinute", 1))
                            .put("/admin/v1/orgs/" + orgId + "/projects/" + projectId + "/limits")
                            .then().statusCode(200);
                },
                () -> Optional.of(document("RateLimit", organisation(), "no-such-project", "{requestsPerMinute: 100}")),
                declared -> "{requestsPerMinute: 2000000}");
    }

    private Case budgetCase() {
        return row(() -> {
                    String org = organisation();
                    return document("Budget", org, org, "{daily: \"25.50\", monthly: \"500\", currency: USD}");
                },
                declared -> "{monthly: \"1000.000001\", currency: EUR, softThresholdPercent: 90}",
                declared -> {
                    UUID orgId = orgId(declared.ref().namespace());
                    root().request().contentType("application/json").body(Map.of("daily", "1", "currency", "USD"))
                            .put("/admin/v1/orgs/" + orgId + "/budgets").then().statusCode(200);
                },
                () -> {
                    String org = Unique.slug("no-such-org");
                    return Optional.of(document("Budget", org, org, "{daily: \"1\", currency: USD}"));
                },
                declared -> "{daily: \"1.1234567\", currency: USD}");
    }
}
