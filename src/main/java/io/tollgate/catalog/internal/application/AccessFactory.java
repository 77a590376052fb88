package io.tollgate.catalog.internal.application;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.Actor;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The caller's catalog access, from the roles of their security identity ({@code <role>@<orgId>}, {@code superadmin}). */
public final class AccessFactory {

    private AccessFactory() {
    }

    /** The platform itself (seeding, reconciliation from Git): every catalog object, as the superadmin. */
    public static CatalogAccess platform(Actor actor) {
        return new CatalogAccess(Grants.of(Set.of(Grants.SUPERADMIN)), Set.of(), actor);
    }

    public static CatalogAccess of(SecurityIdentity identity, Actor actor) {
        Grants grants = Grants.of(identity.getRoles());
        Set<UUID> readable = grants.orgPermissions().keySet().stream()
                .filter(org -> grants.allows(Permissions.CATALOG_READ, org)).collect(Collectors.toSet());
        return new CatalogAccess(grants, readable, actor);
    }
}
