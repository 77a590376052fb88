package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.IdentityEvents.MemberRemoved;
import io.tollgate.identity.api.IdentityEvents.MemberRoleSet;
import io.tollgate.identity.internal.domain.Membership;
import io.tollgate.identity.internal.persistence.MembershipRepository;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.identity.internal.persistence.UserRepository;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgRole;
import io.tollgate.platform.web.Actor;
import io.tollgate.platform.web.ETags;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Members and their roles. Nobody hands out a role above their own (an admin cannot make an owner), nobody
 * changes or removes a member who outranks them, and an organisation always keeps at least one owner.
 */
@ApplicationScoped
public class MembershipService {

    private final Pool identity;
    private final OrgRepository orgs;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final Outbox outbox;

    public MembershipService(@ReactiveDataSource("identity") Pool identity, OrgRepository orgs, UserRepository users,
            MembershipRepository memberships, Outbox outbox) {
        this.identity = identity;
        this.orgs = orgs;
        this.users = users;
        this.memberships = memberships;
        this.outbox = outbox;
    }

    public Uni<Membership> add(UUID orgId, String email, OrgRole role, Grants caller, Actor actor) {
        requireMayGrant(caller, role, orgId);
        return identity.withTransaction(tx -> requireOrg(tx, orgId)
                .flatMap(org -> users.findByEmail(tx, email))
                .onItem().ifNull().failWith(() -> TollgateException.invalid(Map.of("email", "no user has this e-mail address")))
                .call(user -> memberships.insert(tx, orgId, user.id(), role))
                .call(user -> outbox.append(tx, new MemberRoleSet(orgId, user.id(), role.apiName(), null), actor))
                .flatMap(user -> memberships.find(tx, orgId, user.id())));
    }

    public Uni<Membership> changeRole(UUID orgId, UUID userId, OrgRole role, Integer expectedVersion, Grants caller,
            Actor actor) {
        requireMayGrant(caller, role, orgId);
        return identity.withTransaction(tx -> memberships.lock(tx, orgId, userId)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Member")).flatMap(current -> {
            ETags.require(expectedVersion, current.version());
            requireMayGrant(caller, current.role(), orgId);
            Uni<Void> ownersCheck = current.role() == OrgRole.OWNER && role != OrgRole.OWNER
                    ? requireAnotherOwner(tx, orgId)
                    : Uni.createFrom().voidItem();
            return ownersCheck.flatMap(v -> memberships.updateRole(tx, orgId, userId, role, current.version()))
                    .flatMap(updated -> updated ? Uni.createFrom().voidItem() : Uni.createFrom().failure(TollgateException.staleVersion()))
                    .call(v -> outbox.append(tx, new MemberRoleSet(orgId, userId, role.apiName(), current.role().apiName()), actor))
                    .flatMap(v -> memberships.find(tx, orgId, userId));
        }));
    }

    public Uni<Void> remove(UUID orgId, UUID userId, Grants caller, Actor actor) {
        return identity.withTransaction(tx -> memberships.lock(tx, orgId, userId)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Member")).flatMap(current -> {
            requireMayGrant(caller, current.role(), orgId);
            Uni<Void> ownersCheck = current.role() == OrgRole.OWNER ? requireAnotherOwner(tx, orgId) : Uni.createFrom().voidItem();
            return ownersCheck.flatMap(v -> memberships.delete(tx, orgId, userId))
                    .call(v -> outbox.append(tx, new MemberRemoved(orgId, userId), actor)).replaceWithVoid();
        }));
    }

    public Uni<Membership> get(UUID orgId, UUID userId) {
        return requireMember(identity, orgId, userId);
    }

    public Uni<List<Membership>> page(UUID orgId, UUID afterUser, int limit) {
        return requireOrg(identity, orgId).flatMap(org -> memberships.page(identity, orgId, afterUser, limit));
    }

    /** Every membership of every live organisation. */
    public Uni<List<Membership>> all() {
        return memberships.all(identity);
    }

    private static void requireMayGrant(Grants caller, OrgRole role, UUID orgId) {
        if (!caller.mayGrant(role, orgId)) {
            throw new TollgateException(ErrorKind.FORBIDDEN, "You cannot grant or change the role " + role.apiName()
                    + ": it ranks above your own");
        }
    }

    private Uni<Void> requireAnotherOwner(SqlClient tx, UUID orgId) {
        return memberships.lockOwners(tx, orgId).flatMap(owners -> owners > 1 ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(TollgateException.conflict("An organisation must keep at least one owner")));
    }

    private Uni<Object> requireOrg(SqlClient client, UUID orgId) {
        return orgs.find(client, orgId).onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"))
                .map(org -> org);
    }

    private Uni<Membership> requireMember(SqlClient client, UUID orgId, UUID userId) {
        return memberships.find(client, orgId, userId).onItem().ifNull().failWith(() -> TollgateException.notFound("Member"));
    }
}
