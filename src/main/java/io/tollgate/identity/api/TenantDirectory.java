package io.tollgate.identity.api;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Identity's directory of live organisations and projects for in-process callers that name them by slug (the
 * policy kinds of other contexts: documents in Git say {@code acme}, the contexts store ids).
 */
public interface TenantDirectory {

    record OrgHandle(UUID id, String slug) {
    }

    record ProjectHandle(UUID orgId, UUID id, String slug) {
    }

    /** Every live organisation. */
    Uni<List<OrgHandle>> organisations();

    /** Every project of every live organisation. */
    Uni<List<ProjectHandle>> projects();

    /** The id of the live organisation with this slug; fails with a 422 naming the slug when there is none. */
    Uni<UUID> organisationId(String slug);

    /** The id of the organisation's project with this slug; fails with a 422 naming the slug when there is none. */
    Uni<UUID> projectId(UUID orgId, String slug);
}
