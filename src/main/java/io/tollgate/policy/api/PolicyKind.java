package io.tollgate.policy.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.web.Actor;
import java.util.List;

/**
 * A kind of object that its owning context lets Git declare. The context implements it as a CDI bean on top of its
 * own application services, so a change from Git is validated, evented and audited exactly like the same change
 * through the management API; the policy context reaches the platform's state only through these beans.
 *
 * <p>Specs are compared field by field: {@link #observe()} and {@link #normalise(ObjectNode)} must render the same
 * state as equal JSON (defaults filled in, references by name rather than by id, lists in a stable order).
 */
public interface PolicyKind {

    /** The kind's name, rank, scope and whether it can be pruned. */
    KindTraits traits();

    /** The declared spec, already valid against the kind's schema, with defaults filled in. */
    ObjectNode normalise(ObjectNode spec);

    /** The objects this one needs (its organisation, the providers a model's deployments use…). */
    List<ObjectRef> dependencies(PolicyObject declared);

    /** Every object of this kind the platform holds now. */
    Uni<List<PolicyObject>> observe();

    /** Creates the object, or fails with a {@code TollgateException} saying why. */
    Uni<Void> create(PolicyObject declared, Actor actor);

    /** Changes the object's managed fields to the declared ones, leaving every other field as it is. */
    Uni<Void> update(PolicyObject declared, Actor actor);

    /** Deletes the object (only called when {@link KindTraits#prunable()} and pruning is enabled for the kind). */
    Uni<Void> delete(ObjectRef ref, Actor actor);
}
