package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.Audience;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.Actor;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who may read and change catalog objects. Platform-wide objects (no owning organisation) are changed only by
 * the superadmin and read by anyone with {@code catalog:read} in some organisation; an organisation's objects
 * need {@code catalog:read}/{@code catalog:write} there. An organisation the caller has no role in, and a
 * restricted model whose audience the caller is not part of, are answered as missing (404), not forbidden.
 */
public final class CatalogAccess {

    private final Grants grants;
    private final Set<UUID> readableOrgs;
    private final Actor actor;

    /** {@code readableOrgs}: the organisations where the caller holds {@code catalog:read}. */
    public CatalogAccess(Grants grants, Set<UUID> readableOrgs, Actor actor) {
        this.grants = grants;
        this.readableOrgs = Set.copyOf(readableOrgs);
        this.actor = actor;
    }

    /** Who acts, as recorded with every change in the audit trail. */
    public Actor actor() {
        return actor;
    }

    public boolean readsEverything() {
        return grants.allows(Permissions.PROVIDERS_WRITE, null);
    }

    public Set<UUID> readableOrgs() {
        return readableOrgs;
    }

    public void requireWrite(UUID owner, String what) {
        if (owner == null) {
            if (!readsEverything()) {
                throw new TollgateException(io.tollgate.platform.error.ErrorKind.FORBIDDEN,
                        "Only the platform superadmin changes platform-wide " + what + "s");
            }
            return;
        }
        requireInOrg(owner, Permissions.CATALOG_WRITE, what);
    }

    public void requireRead(UUID owner, List<Audience> audience, String what) {
        if (readsEverything()) {
            return;
        }
        if (owner != null) {
            requireInOrg(owner, Permissions.CATALOG_READ, what);
        } else if (audience.isEmpty()) {
            requireReadSomewhere();
        } else if (audience.stream().noneMatch(entry -> readableOrgs.contains(entry.orgId()))) {
            throw TollgateException.notFound(capitalised(what));
        }
    }

    /** Lists need {@code catalog:read} in at least one organisation (or the superadmin). */
    public void requireReadSomewhere() {
        if (!readsEverything() && readableOrgs.isEmpty()) {
            throw new TollgateException(io.tollgate.platform.error.ErrorKind.FORBIDDEN,
                    "You lack the permission catalog:read");
        }
    }

    private void requireInOrg(UUID org, String permission, String what) {
        if (!grants.sees(org)) {
            throw TollgateException.notFound(capitalised(what));
        }
        if (!grants.allows(permission, org)) {
            throw new TollgateException(io.tollgate.platform.error.ErrorKind.FORBIDDEN,
                    "You lack the permission " + permission + " in this organisation");
        }
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
