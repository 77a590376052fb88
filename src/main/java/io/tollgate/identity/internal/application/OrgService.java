package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.OrgCreated;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgStatus;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Creates and reads organisations; every change commits together with its event in the outbox. */
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

    public Uni<Org> create(NewOrg request) {
        Org org = new Org(Ids.newId(), request.slug(), request.name(), OrgStatus.ACTIVE,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return identity.withTransaction(tx -> orgs.insert(tx, org)
                .call(created -> outbox.append(tx, new OrgCreated(created.id(), created.slug(), created.name()))));
    }

    public Uni<Org> get(UUID id) {
        return orgs.find(identity, id).onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"));
    }

    public Uni<List<Org>> page(UUID after, int limit) {
        return orgs.page(identity, after, limit);
    }
}
