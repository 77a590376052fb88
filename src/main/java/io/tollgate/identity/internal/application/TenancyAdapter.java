package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.Tenancy;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.NewProject;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.Project;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** {@link Tenancy} on top of identity's services: the same validation, events and audit as the API. */
@ApplicationScoped
public class TenancyAdapter implements Tenancy {

    private final Pool identity;
    private final OrgRepository orgs;
    private final OrgService orgService;
    private final ProjectService projects;

    public TenancyAdapter(@ReactiveDataSource("identity") Pool identity, OrgRepository orgs, OrgService orgService,
            ProjectService projects) {
        this.identity = identity;
        this.orgs = orgs;
        this.orgService = orgService;
        this.projects = projects;
    }

    @Override
    public Uni<Boolean> hasOrganisations() {
        return orgs.isEmpty(identity).map(empty -> !empty);
    }

    @Override
    public Uni<UUID> createOrganisation(String slug, String name, Actor actor) {
        return orgService.create(NewOrg.of(slug, name), actor).map(Org::id);
    }

    @Override
    public Uni<UUID> createProject(UUID orgId, String slug, String name, Actor actor) {
        return projects.create(orgId, NewProject.of(slug, name), actor).map(Project::id);
    }
}
