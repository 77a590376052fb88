package io.tollgate.identity.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.identity.internal.domain.NewProject;
import io.tollgate.identity.internal.domain.ProjectChange;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * {@code Project}: {@code metadata.namespace} is its organisation's slug, {@code metadata.name} its own slug; the
 * spec holds the display name. Never pruned: keys, limits and usage refer to projects, which have no deletion.
 */
@ApplicationScoped
public class ProjectKind implements PolicyKind {

    static final String KIND = "Project";

    @RegisterForReflection
    record Spec(String displayName) {
    }

    private final ProjectService projects;
    private final TenantDirectory directory;

    public ProjectKind(ProjectService projects, TenantDirectory directory) {
        this.projects = projects;
        this.directory = directory;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 20, Scope.ORGANISATION, false);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        return Specs.write(new Spec(Names.stripped(Specs.read(spec, Spec.class).displayName())));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return List.of(ObjectRef.platformWide(OrganizationKind.KIND, declared.ref().namespace()));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return directory.tenants().flatMap(tenants -> projects.all().map(found -> found.stream()
                .flatMap(project -> tenants.orgSlug(project.orgId()).stream().map(org -> new PolicyObject(
                        new ObjectRef(KIND, org, project.slug()), Specs.write(new Spec(project.name())))))
                .toList()));
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            NewProject project = NewProject.of(declared.ref().name(), Specs.read(declared.spec(), Spec.class).displayName());
            return orgId(declared).flatMap(orgId -> projects.create(orgId, project, actor)).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            ProjectChange change = ProjectChange.of(Specs.read(declared.spec(), Spec.class).displayName());
            return orgId(declared).flatMap(orgId -> projects.bySlug(orgId, declared.ref().name())
                            .flatMap(project -> projects.rename(orgId, project.id(), change, actor)));
        });
    }

    private Uni<UUID> orgId(PolicyObject declared) {
        return directory.tenants().map(tenants -> tenants.orgId(declared.ref().namespace()));
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return Uni.createFrom().failure(new TollgateException(ErrorKind.CONFLICT,
                "Projects are never pruned: keys, limits and usage refer to them"));
    }
}
