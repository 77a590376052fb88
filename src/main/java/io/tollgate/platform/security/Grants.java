package io.tollgate.platform.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a principal may do, read from its security roles: {@code superadmin} for the platform role, and
 * {@code <role>@<orgId>} (e.g. {@code admin@0190…}) for each membership. Authentication mechanisms put the
 * roles there; {@link GrantsAugmentor} turns them into permission decisions.
 */
public record Grants(boolean superadmin, Map<UUID, OrgRole> orgRoles) {

    public static final String SUPERADMIN = "superadmin";
    private static final char SEPARATOR = '@';

    public Grants {
        orgRoles = Map.copyOf(orgRoles);
    }

    public static Grants of(Set<String> roles) {
        Map<UUID, OrgRole> orgRoles = new HashMap<>();
        for (String role : roles) {
            int at = role.indexOf(SEPARATOR);
            if (at > 0) {
                parseOrg(role.substring(at + 1)).ifPresent(org -> OrgRole.fromApiName(role.substring(0, at))
                        .ifPresent(orgRole -> orgRoles.put(org, orgRole)));
            }
        }
        return new Grants(roles.contains(SUPERADMIN), orgRoles);
    }

    /** The security role that stands for {@code role} in {@code org}. */
    public static String roleName(OrgRole role, UUID org) {
        return role.apiName() + SEPARATOR + org;
    }

    /** Whether the principal holds {@code permission}, in {@code org} when it is an organisation permission. */
    public boolean allows(String permission, UUID org) {
        if (superadmin) {
            return true;
        }
        if (org == null || !Permissions.ORG.contains(permission)) {
            return false;
        }
        OrgRole role = orgRoles.get(org);
        return role != null && role.allows(permission);
    }

    /** Whether the principal may know that {@code org} exists at all; elsewhere it is answered as missing. */
    public boolean sees(UUID org) {
        return superadmin || orgRoles.containsKey(org);
    }

    public OrgRole roleIn(UUID org) {
        return orgRoles.get(org);
    }

    private static java.util.Optional<UUID> parseOrg(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
