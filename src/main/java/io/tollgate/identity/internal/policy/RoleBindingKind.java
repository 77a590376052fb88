package io.tollgate.identity.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.TenantDirectory;
import io.tollgate.identity.internal.application.MembershipService;
import io.tollgate.identity.internal.domain.EmailAddress;
import io.tollgate.identity.internal.domain.Membership;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgRole;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@code RoleBinding}: an existing user's membership of an organisation; {@code metadata.name} is the user's
 * e-mail address in lower case, the spec holds the role. Users themselves (and their passwords) are runtime and
 * never declared. Pruning removes the membership, unless it is the organisation's last owner's.
 */
@ApplicationScoped
public class RoleBindingKind implements PolicyKind {

    static final String KIND = "RoleBinding";
    /** Git acts as the platform: it may grant and change every role. */
    private static final Grants PLATFORM = Grants.of(Set.of(Grants.SUPERADMIN));

    @RegisterForReflection
    record Spec(String role) {
    }

    private final MembershipService memberships;
    private final TenantDirectory directory;

    public RoleBindingKind(MembershipService memberships, TenantDirectory directory) {
        this.memberships = memberships;
        this.directory = directory;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 30, Scope.ORGANISATION, true);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        return Specs.write(Specs.read(spec, Spec.class));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return List.of(ObjectRef.platformWide(OrganizationKind.KIND, declared.ref().namespace()));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return directory.tenants().flatMap(tenants -> memberships.all().map(all -> all.stream()
                .flatMap(m -> tenants.orgSlug(m.orgId()).stream().map(org -> new PolicyObject(
                        new ObjectRef(KIND, org, EmailAddress.normalise(m.email())),
                        Specs.write(new Spec(m.role().apiName())))))
                .toList()));
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            OrgRole role = role(declared.spec());
            return orgId(declared.ref()).flatMap(orgId ->
                    memberships.add(orgId, declared.ref().name(), role, PLATFORM, actor)).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            OrgRole role = role(declared.spec());
            return withMembership(declared.ref(), (orgId, current) -> memberships.changeRole(orgId, current.userId(),
                    role, current.version(), PLATFORM, actor).replaceWithVoid());
        });
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return withMembership(ref, (orgId, current) -> memberships.remove(orgId, current.userId(), PLATFORM, actor));
    }

    private Uni<UUID> orgId(ObjectRef ref) {
        return directory.tenants().map(tenants -> tenants.orgId(ref.namespace()));
    }

    private Uni<Void> withMembership(ObjectRef ref, BiFunction<UUID, Membership, Uni<Void>> action) {
        return orgId(ref).flatMap(orgId -> memberships.all().flatMap(all -> action.apply(orgId, all.stream()
                .filter(m -> m.orgId().equals(orgId) && EmailAddress.normalise(m.email()).equals(ref.name()))
                .findFirst().orElseThrow(() -> TollgateException.notFound("Member " + ref)))));
    }

    private static OrgRole role(ObjectNode spec) {
        String role = Specs.read(spec, Spec.class).role();
        return OrgRole.fromApiName(role).orElseThrow(() -> TollgateException.invalid(Map.of("role", "must be one of "
                + Arrays.stream(OrgRole.values()).map(OrgRole::apiName).collect(Collectors.joining(", ")))));
    }
}
