package io.tollgate.identity.internal.application;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.api.Tenants;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link TenantDirectory} on top of identity's services. */
@ApplicationScoped
public class TenantDirectoryAdapter implements TenantDirectory {

    private final OrgService orgs;
    private final ProjectService projects;

    public TenantDirectoryAdapter(OrgService orgs, ProjectService projects) {
        this.orgs = orgs;
        this.projects = projects;
    }

    @Override
    public Uni<Tenants> tenants() {
        return orgs.all().flatMap(all -> projects.all().map(found -> new Tenants(
                all.stream().map(org -> new Tenants.Org(org.id(), org.slug())).toList(),
                found.stream().map(p -> new Tenants.Project(p.orgId(), p.id(), p.slug())).toList())));
    }
}
