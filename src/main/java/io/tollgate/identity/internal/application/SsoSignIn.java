package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.IdentityEvents.MemberRemoved;
import io.tollgate.identity.api.IdentityEvents.MemberRoleSet;
import io.tollgate.identity.api.IdentityEvents.UserCreated;
import io.tollgate.identity.internal.domain.MembershipSync;
import io.tollgate.identity.internal.domain.SsoGrant;
import io.tollgate.identity.internal.domain.SsoProfile;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.identity.internal.domain.UserStatus;
import io.tollgate.identity.internal.persistence.MembershipRepository;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.identity.internal.persistence.UserRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.security.OrgRole;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Signs in a person the external IdP vouches for (ADR 0018): finds the Tollgate user by e-mail address, creating one
 * without a password on first sign-in, and makes their SSO-managed memberships match what the IdP grants. Writes
 * only when something differs, so that an unchanged grant costs three reads per request.
 */
@ApplicationScoped
public class SsoSignIn {

    private static final Logger LOG = Logger.getLogger(SsoSignIn.class);
    private static final Actor ACTOR = Actor.system("sso");

    private final Pool identity;
    private final UserRepository users;
    private final OrgRepository orgs;
    private final MembershipRepository memberships;
    private final Outbox outbox;
    private final Clock clock;

    public SsoSignIn(@ReactiveDataSource("identity") Pool identity, UserRepository users, OrgRepository orgs,
            MembershipRepository memberships, Outbox outbox, Clock clock) {
        this.identity = identity;
        this.users = users;
        this.orgs = orgs;
        this.memberships = memberships;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The user the profile names, with memberships synchronised unless the account is disabled. */
    public Uni<User> signIn(SsoProfile profile, SsoGrant grant) {
        grant.rejected().forEach(value -> LOG.warnf("SSO: ignoring '%s' of %s: not <org-slug>:<role> with a known role",
                value, profile.email()));
        return findOrCreate(profile).call(user -> user.status() == UserStatus.ACTIVE ? sync(user, grant) : Uni.createFrom().voidItem());
    }

    private Uni<User> findOrCreate(SsoProfile profile) {
        return users.findByEmail(identity, profile.email())
                .onItem().ifNull().switchTo(() -> create(profile)
                        // Two first requests at once: the other one created the user.
                        .onFailure(TollgateException.class).recoverWithUni(() -> users.findByEmail(identity, profile.email())));
    }

    private Uni<User> create(SsoProfile profile) {
        User user = new User(Ids.newId(), profile.email(), profile.displayName(), UserStatus.ACTIVE, false,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return identity.withTransaction(tx -> users.insert(tx, user, null)
                .call(created -> outbox.append(tx, new UserCreated(created.id(), created.email(), false), ACTOR)))
                .invoke(created -> LOG.infof("SSO: created user %s for %s", created.id(), created.email()));
    }

    private Uni<Void> sync(User user, SsoGrant grant) {
        Uni<Map<String, UUID>> known = grant.roles().isEmpty() ? Uni.createFrom().item(Map.of())
                : orgs.idsBySlug(identity, grant.roles().keySet());
        return known.flatMap(ids -> {
            Map<UUID, OrgRole> granted = new HashMap<>();
            grant.roles().forEach((slug, role) -> {
                UUID org = ids.get(slug);
                if (org == null) {
                    LOG.warnf("SSO: ignoring the grant of %s in '%s' to %s: no such organisation", role.apiName(), slug, user.email());
                } else {
                    granted.put(org, role);
                }
            });
            return memberships.syncView(identity, user.id()).map(current -> MembershipSync.plan(current, granted));
        }).flatMap(plan -> plan.isEmpty() ? Uni.createFrom().voidItem() : identity.withTransaction(tx -> apply(tx, user.id(), plan)));
    }

    private Uni<Void> apply(SqlClient tx, UUID userId, MembershipSync plan) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MembershipSync.Assignment assignment : plan.assignments()) {
            chain = chain.call(() -> memberships.assignBySso(tx, assignment.orgId(), userId, assignment.role()))
                    .call(() -> assignment.role() == assignment.previous() ? Uni.createFrom().voidItem()
                            : outbox.append(tx, new MemberRoleSet(assignment.orgId(), userId, assignment.role().apiName(),
                                    assignment.previous() == null ? null : assignment.previous().apiName()), ACTOR));
        }
        for (UUID org : plan.removals()) {
            chain = chain.call(() -> memberships.delete(tx, org, userId))
                    .call(() -> outbox.append(tx, new MemberRemoved(org, userId), ACTOR));
        }
        return chain;
    }
}
