package io.tollgate.identity.api;

import io.smallrye.mutiny.Uni;
import io.tollgate.platform.web.Actor;
import java.util.UUID;

/** Identity's interface for in-process callers that set up tenants (first-start seeding). */
public interface Tenancy {

    Uni<Boolean> hasOrganisations();

    /** Creates an active organisation; emits its id. */
    Uni<UUID> createOrganisation(String slug, String name, Actor actor);

    /** Creates a project in the organisation; emits its id. */
    Uni<UUID> createProject(UUID orgId, String slug, String name, Actor actor);
}
