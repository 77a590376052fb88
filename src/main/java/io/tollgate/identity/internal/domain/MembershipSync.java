package io.tollgate.identity.internal.domain;

import io.tollgate.platform.security.OrgRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an SSO sign-in changes in a user's memberships so that they match what the IdP grants: every granted
 * organisation gets the granted role and becomes SSO-managed (also a membership first made through the API);
 * SSO-managed memberships of organisations the IdP no longer grants are removed; memberships made through the API
 * in other organisations are left alone. Empty when nothing differs, which is the case on almost every request.
 *
 * @param assignments memberships to create ({@code previous} null) or to set to a role and mark SSO-managed
 * @param removals    organisations whose SSO-managed membership ends
 */
public record MembershipSync(List<Assignment> assignments, List<UUID> removals) {

    /** A user's membership as the sync sees it. */
    public record Current(OrgRole role, boolean managedBySso) {
    }

    /** {@code role} in {@code orgId}, replacing {@code previous} (null for a new membership). */
    public record Assignment(UUID orgId, OrgRole role, OrgRole previous) {
    }

    public MembershipSync {
        assignments = List.copyOf(assignments);
        removals = List.copyOf(removals);
    }

    public static MembershipSync plan(Map<UUID, Current> current, Map<UUID, OrgRole> granted) {
        List<Assignment> assignments = new ArrayList<>();
        granted.forEach((org, role) -> {
            Current now = current.get(org);
            if (now == null || now.role() != role || !now.managedBySso()) {
                assignments.add(new Assignment(org, role, now == null ? null : now.role()));
            }
        });
        List<UUID> removals = current.entrySet().stream()
                .filter(e -> e.getValue().managedBySso() && !granted.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
        return new MembershipSync(assignments, removals);
    }

    public boolean isEmpty() {
        return assignments.isEmpty() && removals.isEmpty();
    }
}
