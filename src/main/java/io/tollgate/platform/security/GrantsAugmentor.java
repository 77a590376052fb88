package io.tollgate.platform.security;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.error.TollgateException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Permission;

/**
 * Decides every {@code @PermissionsAllowed} check from the principal's {@link Grants}. An organisation the
 * principal has no role in answers 404, as if it did not exist; a missing permission answers 403.
 */
@ApplicationScoped
public class GrantsAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Grants grants = Grants.of(identity.getRoles());
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addPermissionChecker(required -> Uni.createFrom().item(() -> decide(grants, required)))
                .build());
    }

    static boolean decide(Grants grants, Permission required) {
        if (required instanceof OrgPermission org) {
            if (!grants.sees(org.orgId())) {
                throw TollgateException.notFound("Organisation");
            }
            return grants.allows(org.permission(), org.orgId());
        }
        if (required instanceof StringPermission plain) {
            String[] actions = plain.getActions().isEmpty() ? new String[0] : plain.getActions().split(",");
            String permission = actions.length == 0 ? plain.getName() : plain.getName() + ":" + actions[0];
            return grants.allows(permission, null);
        }
        return false;
    }
}
