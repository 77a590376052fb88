package io.tollgate.identity.api;

import io.smallrye.mutiny.Uni;

/**
 * Identity's directory of live organisations and projects for in-process callers that name them by slug (the
 * policy kinds of other contexts: documents in Git say {@code acme}, the contexts store ids).
 */
public interface TenantDirectory {

    /** Every live organisation and its projects, as they are now. */
    Uni<Tenants> tenants();
}
