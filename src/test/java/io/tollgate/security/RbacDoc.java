package io.tollgate.security;

import io.tollgate.platform.security.OrgRole;
import io.tollgate.platform.security.Permissions;
import java.util.List;
import java.util.TreeSet;

/** The tables of {@code docs/rbac.md}, generated from {@link OrgRole}, {@link Permissions} and the resources. */
final class RbacDoc {

    static final String START = "<!-- generated:start -->";
    static final String END = "<!-- generated:end -->";

    private RbacDoc() {
    }

    static String generated(List<SecuredEndpoints.Endpoint> endpoints, List<String> open) {
        StringBuilder doc = new StringBuilder();
        doc.append("### Organisation roles\n\n| permission |");
        for (OrgRole role : OrgRole.values()) {
            doc.append(' ').append(role.apiName()).append(" |");
        }
        doc.append("\n|---|").append("---|".repeat(OrgRole.values().length)).append('\n');
        for (String permission : new TreeSet<>(Permissions.ORG)) {
            doc.append("| `").append(permission).append("` |");
            for (OrgRole role : OrgRole.values()) {
                doc.append(role.allows(permission) ? " ✔ |" : " |");
            }
            doc.append('\n');
        }
        doc.append("\n### Platform permissions (superadmin only)\n\n");
        for (String permission : new TreeSet<>(Permissions.PLATFORM)) {
            doc.append("- `").append(permission).append("`\n");
        }
        doc.append("\n### Endpoints\n\n| endpoint | permission | scope |\n|---|---|---|\n");
        for (SecuredEndpoints.Endpoint endpoint : endpoints) {
            doc.append("| `").append(endpoint.label()).append("` | `").append(endpoint.permission()).append("` | ")
                    .append(endpoint.orgScoped() ? "the organisation in the path" : "platform").append(" |\n");
        }
        doc.append("\n### Endpoints without a session (`@PermitAll`)\n\n");
        for (String endpoint : open) {
            doc.append("- `").append(endpoint).append("`\n");
        }
        return doc.toString();
    }
}
