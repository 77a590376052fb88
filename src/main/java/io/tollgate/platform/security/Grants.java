package io.tollgate.platform.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a principal may do, read from its security roles:
 * <ul>
 * <li>{@code superadmin}: everything, everywhere;</li>
 * <li>{@code <role>@<orgId>} (e.g. {@code admin@0190…}): a member's {@link OrgRole} in that organisation;</li>
 * <li>{@code <role>:read@<orgId>}: only the {@code :read} permissions of that role (read-only API keys);</li>
 * <li>{@code inference@<orgId>}: sees the organisation but holds no management permission (inference keys).</li>
 * </ul>
 * Authentication mechanisms put the roles there; {@link GrantsAugmentor} turns them into decisions.
 */
public record Grants(boolean superadmin, Map<UUID, OrgRole> orgRoles, Map<UUID, Set<String>> orgPermissions) {

    public static final String SUPERADMIN = "superadmin";
    public static final String INFERENCE = "inference";
    private static final String READ_ONLY = ":read";
    private static final char SEPARATOR = '@';

    public Grants {
        orgRoles = Map.copyOf(orgRoles);
        orgPermissions = Map.copyOf(orgPermissions);
    }

    public static Grants of(Set<String> roles) {
        Map<UUID, OrgRole> orgRoles = new HashMap<>();
        Map<UUID, Set<String>> orgPermissions = new HashMap<>();
        for (String role : roles) {
            int at = role.lastIndexOf(SEPARATOR);
            Optional<UUID> org = at > 0 ? parseOrg(role.substring(at + 1)) : Optional.empty();
            if (org.isEmpty()) {
                continue;
            }
            String name = role.substring(0, at);
            if (name.equals(INFERENCE)) {
                orgPermissions.putIfAbsent(org.get(), Set.of());
            } else if (name.endsWith(READ_ONLY)) {
                OrgRole.fromApiName(name.substring(0, name.length() - READ_ONLY.length()))
                        .ifPresent(r -> orgPermissions.put(org.get(), readOnly(r.permissions())));
            } else {
                OrgRole.fromApiName(name).ifPresent(r -> {
                    orgRoles.put(org.get(), r);
                    orgPermissions.put(org.get(), r.permissions());
                });
            }
        }
        return new Grants(roles.contains(SUPERADMIN), orgRoles, orgPermissions);
    }

    /** The security role that stands for {@code role} in {@code org}. */
    public static String roleName(OrgRole role, UUID org) {
        return role.apiName() + SEPARATOR + org;
    }

    /** The security role for a read-only holder of {@code role}'s read permissions in {@code org}. */
    public static String readOnlyRoleName(OrgRole role, UUID org) {
        return role.apiName() + READ_ONLY + SEPARATOR + org;
    }

    /** The security role for a principal that sees {@code org} but may not manage anything in it. */
    public static String inferenceRoleName(UUID org) {
        return INFERENCE + SEPARATOR + org;
    }

    /** Whether the principal holds {@code permission}, in {@code org} when it is an organisation permission. */
    public boolean allows(String permission, UUID org) {
        if (superadmin) {
            return true;
        }
        if (org == null || !Permissions.ORG.contains(permission)) {
            return false;
        }
        return orgPermissions.getOrDefault(org, Set.of()).contains(permission);
    }

    /** Whether the principal may know that {@code org} exists at all; elsewhere it is answered as missing. */
    public boolean sees(UUID org) {
        return superadmin || orgPermissions.containsKey(org);
    }

    /** The full member role in {@code org}, if the principal has one (read-only and inference grants have none). */
    public Optional<OrgRole> roleIn(UUID org) {
        return Optional.ofNullable(orgRoles.get(org));
    }

    /** Whether the principal may hand out {@code role} in {@code org} (no escalation). */
    public boolean mayGrant(OrgRole role, UUID org) {
        return superadmin || roleIn(org).map(own -> own.mayGrant(role)).orElse(false);
    }

    private static Set<String> readOnly(Set<String> permissions) {
        return permissions.stream().filter(p -> p.endsWith(READ_ONLY)).collect(Collectors.toUnmodifiableSet());
    }

    private static Optional<UUID> parseOrg(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
