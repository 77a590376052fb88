package io.tollgate.identity.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.identity.internal.domain.NewProject;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.ProjectChange;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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

    private final OrgService orgs;
    private final ProjectService projects;
    private final TenantDirectory directory;

    public ProjectKind(OrgService orgs, ProjectService projects, TenantDirectory directory) {
        this.orgs = orgs;
        this.projects = projects;
        this.directory = directory;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Scope scope() {
        return Scope.ORGANISATION;
    }

    @Override
    public boolean prunable() {
        return false;
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
        return orgs.all().flatMap(all -> {
            Map<UUID, String> slugs = all.stream().collect(Collectors.toMap(Org::id, Org::slug));
            return projects.all().map(found -> found.stream()
                    .filter(project -> slugs.containsKey(project.orgId()))
                    .map(project -> new PolicyObject(new ObjectRef(KIND, slugs.get(project.orgId()), project.slug()),
                            Specs.write(new Spec(project.name()))))
                    .toList());
        });
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            NewProject project = NewProject.of(declared.ref().name(), Specs.read(declared.spec(), Spec.class).displayName());
            return directory.organisationId(declared.ref().namespace())
                    .flatMap(orgId -> projects.create(orgId, project, actor)).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            ProjectChange change = ProjectChange.of(Specs.read(declared.spec(), Spec.class).displayName());
            return directory.organisationId(declared.ref().namespace())
                    .flatMap(orgId -> projects.bySlug(orgId, declared.ref().name())
                            .flatMap(project -> projects.rename(orgId, project.id(), change, actor)));
        });
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return Uni.createFrom().failure(new TollgateException(ErrorKind.CONFLICT,
                "Projects are never pruned: keys, limits and usage refer to them"));
    }
}
