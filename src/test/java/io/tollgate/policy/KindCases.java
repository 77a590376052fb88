package io.tollgate.policy;

import static io.tollgate.policy.PolicyKindContractTest.GIT;
import static io.tollgate.policy.PolicyKindContractTest.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.identity.internal.domain.OrgChange;
import io.tollgate.identity.internal.domain.ProjectChange;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.testing.Unique;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;

/** One row per kind of the contract test's table: a declared object with its prerequisites, and ways to vary it. */
@ApplicationScoped
class KindCases {

    static final List<String> KINDS = List.of("Organization", "Project");

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

    KindCases(@Any Instance<PolicyKind> kinds, OrgService orgs, ProjectService projects) {
        this.kinds = kinds;
        this.orgs = orgs;
        this.projects = projects;
    }

    Case of(String kind) {
        return switch (kind) {
            case "Organization" -> new OrganizationCase();
            case "Project" -> new ProjectCase();
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
        return kinds.stream().filter(kind -> kind.kind().equals(name)).findFirst().orElseThrow();
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
            var orgId = await(orgs.bySlug(declared.ref().namespace())).id();
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
