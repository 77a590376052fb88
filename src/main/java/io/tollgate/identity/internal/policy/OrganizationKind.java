package io.tollgate.identity.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgChange;
import io.tollgate.identity.internal.domain.OrgStatus;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * {@code Organization}: {@code metadata.name} is the slug; the spec holds the display name and the status. Never
 * pruned: deleting an organisation stops its keys and locks out its members, which an operator does deliberately
 * through the API; Git suspends one with {@code status: suspended}.
 */
@ApplicationScoped
public class OrganizationKind implements PolicyKind {

    static final String KIND = "Organization";

    /** {@code status}: {@code active} (the default) or {@code suspended}. */
    @RegisterForReflection
    record Spec(String displayName, String status) {
    }

    private final OrgService orgs;

    public OrganizationKind(OrgService orgs) {
        this.orgs = orgs;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 10, Scope.PLATFORM, false);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        Spec declared = Specs.read(spec, Spec.class);
        return Specs.write(new Spec(Names.stripped(declared.displayName()),
                declared.status() == null ? status(OrgStatus.ACTIVE) : declared.status()));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return List.of();
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return orgs.all().map(all -> all.stream()
                .map(org -> new PolicyObject(ObjectRef.platformWide(KIND, org.slug()), spec(org))).toList());
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            Spec spec = Specs.read(normalise(declared.spec()), Spec.class);
            OrgChange suspension = OrgChange.of(null, spec.status());
            return orgs.create(NewOrg.of(declared.ref().name(), spec.displayName()), actor)
                    .call(org -> suspension.status() == OrgStatus.ACTIVE ? Uni.createFrom().voidItem()
                            : orgs.update(org.id(), suspension, org.version(), actor))
                    .replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return Uni.createFrom().deferred(() -> {
            Spec spec = Specs.read(normalise(declared.spec()), Spec.class);
            OrgChange change = OrgChange.of(spec.displayName(), spec.status());
            return orgs.bySlug(declared.ref().name())
                    .flatMap(org -> orgs.update(org.id(), change, org.version(), actor)).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return Uni.createFrom().failure(new TollgateException(ErrorKind.CONFLICT,
                "Organizations are never pruned from Git; suspend one with status: suspended, or delete it through the API"));
    }

    private static ObjectNode spec(Org org) {
        return Specs.write(new Spec(org.name(), status(org.status())));
    }

    private static String status(OrgStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
