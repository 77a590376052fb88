package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.IdentityEvents.OrgDeleted;
import io.tollgate.identity.api.IdentityEvents.OrgUpdated;
import io.tollgate.identity.api.OrgCreated;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgChange;
import io.tollgate.identity.internal.domain.OrgStatus;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.tollgate.platform.web.ETags;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Organisations; every change commits together with its event in the outbox. */
@ApplicationScoped
public class OrgService {

    private final Pool identity;
    private final OrgRepository orgs;
    private final Outbox outbox;
    private final Clock clock;

    public OrgService(@ReactiveDataSource("identity") Pool identity, OrgRepository orgs, Outbox outbox, Clock clock) {
        this.identity = identity;
        this.orgs = orgs;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Org> create(NewOrg request, Actor actor) {
        Org org = new Org(Ids.newId(), request.slug(), request.name(), OrgStatus.ACTIVE,
                clock.instant().truncatedTo(ChronoUnit.MICROS), 1);
        return identity.withTransaction(tx -> orgs.insert(tx, org)
                .call(created -> outbox.append(tx, new OrgCreated(created.id(), created.slug(), created.name()), actor)));
    }

    public Uni<Org> get(UUID id) {
        return orgs.find(identity, id).onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"));
    }

    public Uni<Org> bySlug(String slug) {
        return orgs.findBySlug(identity, slug)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation '" + slug + "'"));
    }

    /** Every live organisation, in slug order. */
    public Uni<List<Org>> all() {
        return orgs.all(identity);
    }

    /** A page of organisations; {@code only} restricts it to those ids (a member's organisations), null for all. */
    public Uni<List<Org>> page(UUID after, int limit, Collection<UUID> only) {
        return orgs.page(identity, after, limit, only);
    }

    public Uni<Org> update(UUID id, OrgChange change, Integer expectedVersion, Actor actor) {
        return identity.withTransaction(tx -> orgs.lock(tx, id)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"))
                .flatMap(current -> {
                    ETags.require(expectedVersion, current.version());
                    Org changed = change.applyTo(current);
                    return orgs.update(tx, changed, current.version())
                            .flatMap(updated -> updated ? Uni.createFrom().item(changed)
                                    : Uni.createFrom().failure(TollgateException.staleVersion()));
                })
                .call(changed -> outbox.append(tx, new OrgUpdated(changed.id(), changed.name(),
                        changed.status().name().toLowerCase(Locale.ROOT)), actor)));
    }

    public Uni<Void> delete(UUID id, Actor actor) {
        return identity.withTransaction(tx -> orgs.softDelete(tx, id)
                .flatMap(deleted -> deleted ? outbox.append(tx, new OrgDeleted(id), actor)
                        : Uni.createFrom().failure(TollgateException.notFound("Organisation"))));
    }
}
