package io.tollgate.identity.internal.application;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.Project;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

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
    public Uni<List<OrgHandle>> organisations() {
        return orgs.all().map(all -> all.stream().map(org -> new OrgHandle(org.id(), org.slug())).toList());
    }

    @Override
    public Uni<List<ProjectHandle>> projects() {
        return projects.all().map(all -> all.stream().map(p -> new ProjectHandle(p.orgId(), p.id(), p.slug())).toList());
    }

    @Override
    public Uni<UUID> organisationId(String slug) {
        return orgs.bySlug(slug).map(Org::id).onFailure(TollgateException.class)
                .transform(e -> missing("organisation", slug, e));
    }

    @Override
    public Uni<UUID> projectId(UUID orgId, String slug) {
        return projects.bySlug(orgId, slug).map(Project::id).onFailure(TollgateException.class)
                .transform(e -> missing("project", slug, e));
    }

    /** A reference to a missing object is the referring request's fault: 422, as the catalog answers. */
    private static Throwable missing(String what, String slug, Throwable failure) {
        return ((TollgateException) failure).kind() == ErrorKind.NOT_FOUND
                ? new TollgateException(ErrorKind.UNPROCESSABLE, "There is no " + what + " '" + slug + "'")
                : failure;
    }
}
