package io.tollgate.platform.security;

import static io.tollgate.platform.security.Permissions.*;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A member's role in an organisation: what it may do there, and which roles it may hand out. */
public enum OrgRole {
    OWNER(4, ORG),
    ADMIN(3, without(ORG, ORGS_DELETE)),
    DEVELOPER(2, Set.of(ORGS_READ, PROJECTS_READ, MEMBERS_READ, KEYS_READ, KEYS_WRITE, CATALOG_READ, QUOTA_READ,
            USAGE_READ)),
    BILLING(2, Set.of(ORGS_READ, PROJECTS_READ, MEMBERS_READ, QUOTA_READ, BUDGETS_READ, BUDGETS_WRITE, USAGE_READ)),
    VIEWER(1, Set.of(ORGS_READ, PROJECTS_READ, MEMBERS_READ, KEYS_READ, CATALOG_READ, QUOTA_READ, BUDGETS_READ,
            USAGE_READ));

    private final int rank;
    private final Set<String> permissions;

    OrgRole(int rank, Set<String> permissions) {
        this.rank = rank;
        this.permissions = Set.copyOf(permissions);
    }

    public Set<String> permissions() {
        return permissions;
    }

    public boolean allows(String permission) {
        return permissions.contains(permission);
    }

    /** No escalation: a member hands out only roles that rank no higher than their own. */
    public boolean mayGrant(OrgRole role) {
        return rank >= role.rank;
    }

    /** The name used in the API and in tokens: lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrgRole> fromApiName(String name) {
        for (OrgRole role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static Set<String> without(Set<String> all, String excluded) {
        Set<String> remaining = new HashSet<>(all);
        remaining.remove(excluded);
        return remaining;
    }
}
