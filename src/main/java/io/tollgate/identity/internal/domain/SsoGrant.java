package io.tollgate.identity.internal.domain;

import io.tollgate.platform.security.OrgRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation roles an external IdP grants, read from the values of its groups claim: each value
 * {@code <prefix><org-slug>:<role>} (e.g. {@code tollgate:acme:admin}) grants {@code role} in the organisation with that
 * slug. Values without the prefix belong to other applications and are skipped silently; values with the prefix
 * that do not parse, or name an unknown role, are reported in {@code rejected}. When a value names an organisation
 * twice, the higher role counts.
 *
 * @param roles    role by organisation slug
 * @param rejected values with the prefix that grant nothing
 */
public record SsoGrant(Map<String, OrgRole> roles, List<String> rejected) {

    public SsoGrant {
        roles = Map.copyOf(roles);
        rejected = List.copyOf(rejected);
    }

    public static SsoGrant parse(Collection<String> values, String prefix) {
        Map<String, OrgRole> roles = new HashMap<>();
        List<String> rejected = new ArrayList<>();
        for (String value : values) {
            if (value == null || !value.startsWith(prefix)) {
                continue;
            }
            Optional<Map.Entry<String, OrgRole>> grant = grant(value.substring(prefix.length()));
            grant.ifPresentOrElse(g -> roles.merge(g.getKey(), g.getValue(), SsoGrant::higher), () -> rejected.add(value));
        }
        return new SsoGrant(roles, rejected);
    }

    private static Optional<Map.Entry<String, OrgRole>> grant(String slugAndRole) {
        int colon = slugAndRole.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return OrgRole.fromApiName(slugAndRole.substring(colon + 1))
                .map(role -> Map.entry(slugAndRole.substring(0, colon), role));
    }

    private static OrgRole higher(OrgRole a, OrgRole b) {
        return a.mayGrant(b) ? a : b;
    }
}
