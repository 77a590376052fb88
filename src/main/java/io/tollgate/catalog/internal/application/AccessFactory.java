package io.tollgate.catalog.internal.application;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.Permissions;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The caller's catalog access, from the roles of their security identity ({@code <role>@<orgId>}, {@code superadmin}). */
public final class AccessFactory {

    private AccessFactory() {
    }

    public static CatalogAccess of(SecurityIdentity identity) {
        Grants grants = Grants.of(identity.getRoles());
        Set<UUID> readable = new HashSet<>();
        for (String role : identity.getRoles()) {
            int at = role.indexOf('@');
            if (at > 0) {
                try {
                    UUID org = UUID.fromString(role.substring(at + 1));
                    if (grants.allows(Permissions.CATALOG_READ, org)) {
                        readable.add(org);
                    }
                } catch (IllegalArgumentException e) {
                    // not an organisation role: Grants ignores it too
                }
            }
        }
        return new CatalogAccess(grants, readable);
    }
}
