package io.tollgate.identity.internal.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.UserStatus;
import io.tollgate.identity.internal.persistence.MembershipRepository;
import io.tollgate.identity.internal.persistence.UserRepository;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Grants;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Gives a user authenticated by a Tollgate access token (or by an IdP token, once {@link SsoAugmentor} has named
 * the principal by the user's id) the roles they hold now: {@code superadmin} and one
 * {@code <role>@<orgId>} per membership, read from the database on each request, so that a removed member or a
 * disabled user loses access at once rather than when the token expires. Runs before {@code GrantsAugmentor}.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class MemberRolesAugmentor implements SecurityIdentityAugmentor {

    private final Pool identity;
    private final UserRepository users;
    private final MembershipRepository memberships;

    public MemberRolesAugmentor(@ReactiveDataSource("identity") Pool identity, UserRepository users,
            MembershipRepository memberships) {
        this.identity = identity;
        this.users = users;
        this.memberships = memberships;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity principal, AuthenticationRequestContext context) {
        Optional<UUID> userId = userId(principal);
        if (userId.isEmpty()) {
            return Uni.createFrom().item(principal);
        }
        return users.find(identity, userId.get()).flatMap(user -> {
            if (user == null || user.status() != UserStatus.ACTIVE) {
                return Uni.createFrom().failure(new AuthenticationFailedException("The user is unknown or disabled"));
            }
            return memberships.rolesOf(identity, user.id()).map(roles -> {
                QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(principal);
                if (user.superadmin()) {
                    builder.addRole(Grants.SUPERADMIN);
                }
                roles.forEach((org, role) -> builder.addRole(Grants.roleName(role, org)));
                return builder.build();
            });
        });
    }

    /** Tollgate access tokens name the user by id; other principals (API keys, anonymous) are left alone. */
    private static Optional<UUID> userId(SecurityIdentity principal) {
        if (principal.isAnonymous()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(principal.getPrincipal().getName()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
