package io.tollgate.identity.internal.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.SsoConfig;
import io.tollgate.identity.internal.application.SsoSignIn;
import io.tollgate.identity.internal.domain.SsoGrant;
import io.tollgate.identity.internal.domain.SsoProfile;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns an identity verified by the {@code sso} tenant (the external IdP, ADR 0018) into a Tollgate user: signs them
 * in through {@link SsoSignIn} and names the principal by the user's id, as Tollgate's own tokens do, so that
 * {@link MemberRolesAugmentor} (which runs next) gives the roles from the synchronised memberships and the audit
 * trail records the user. A token without a usable e-mail address is refused (401).
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class SsoAugmentor implements SecurityIdentityAugmentor {

    /** The quarkus-oidc tenant of the external IdP; the identity attribute {@code tenant-id} names it. */
    static final String TENANT = "sso";
    private static final String TENANT_ATTRIBUTE = "tenant-id";
    private static final String EMAIL_VERIFIED = "email_verified";

    private final SsoConfig config;
    private final SsoSignIn signIn;

    public SsoAugmentor(SsoConfig config, SsoSignIn signIn) {
        this.config = config;
        this.signIn = signIn;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity principal, AuthenticationRequestContext context) {
        if (!TENANT.equals(principal.getAttribute(TENANT_ATTRIBUTE))
                || !(principal.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(principal);
        }
        SsoProfile profile;
        try {
            profile = SsoProfile.of(text(token.getClaim(config.emailClaim())), verified(token.getClaim(EMAIL_VERIFIED)),
                    text(token.getClaim(config.nameClaim())), config.requireVerifiedEmail());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
        SsoGrant grant = SsoGrant.parse(groups(token), config.groupPrefix());
        return signIn.signIn(profile, grant).map(user -> QuarkusSecurityIdentity.builder(principal)
                .setPrincipal(new QuarkusPrincipal(user.id().toString())).build());
    }

    private Collection<String> groups(JsonWebToken token) {
        Object claim = token.getClaim(config.groupsClaim());
        if (claim instanceof Collection<?> values) {
            return values.stream().map(SsoAugmentor::text).filter(Objects::nonNull).toList();
        }
        return claim == null ? List.of() : List.of(text(claim));
    }

    /** Claims come as Java values or as JSON-P values, depending on whether the JWT library knows them. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    /** {@code true} as a Boolean, a JSON-P value or a string. */
    private static boolean verified(Object value) {
        return "true".equals(text(value));
    }
}
