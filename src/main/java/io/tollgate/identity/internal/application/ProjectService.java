package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.IdentityEvents.ProjectCreated;
import io.tollgate.identity.api.IdentityEvents.ProjectRenamed;
import io.tollgate.identity.api.Projects;
import io.tollgate.identity.internal.domain.NewProject;
import io.tollgate.identity.internal.domain.Project;
import io.tollgate.identity.internal.domain.ProjectChange;
import io.tollgate.identity.internal.persistence.OrgRepository;
import io.tollgate.identity.internal.persistence.ProjectRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Projects inside an organisation. */
@ApplicationScoped
public class ProjectService implements Projects {

    private final Pool identity;
    private final OrgRepository orgs;
    private final ProjectRepository projects;
    private final Outbox outbox;
    private final Clock clock;

    public ProjectService(@ReactiveDataSource("identity") Pool identity, OrgRepository orgs, ProjectRepository projects,
            Outbox outbox, Clock clock) {
        this.identity = identity;
        this.orgs = orgs;
        this.projects = projects;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Project> create(UUID orgId, NewProject request, Actor actor) {
        Project project = new Project(Ids.newId(), orgId, request.slug(), request.name(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return identity.withTransaction(tx -> orgs.find(tx, orgId)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"))
                .flatMap(org -> projects.insert(tx, project))
                .call(created -> outbox.append(tx, new ProjectCreated(orgId, created.id(), created.slug(), created.name()), actor)));
    }

    public Uni<List<Project>> page(UUID orgId, UUID after, int limit) {
        return orgs.find(identity, orgId).onItem().ifNull().failWith(() -> TollgateException.notFound("Organisation"))
                .flatMap(org -> projects.page(identity, orgId, after, limit));
    }

    public Uni<Project> bySlug(UUID orgId, String slug) {
        return projects.findBySlug(identity, orgId, slug)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Project '" + slug + "'"));
    }

    /** Every project of every live organisation, in slug order. */
    public Uni<List<Project>> all() {
        return projects.all(identity);
    }

    /** Changes the project's display name; the slug, which keys and limits refer to, stays. */
    public Uni<Void> rename(UUID orgId, UUID projectId, ProjectChange change, Actor actor) {
        return identity.withTransaction(tx -> projects.rename(tx, orgId, projectId, change.name())
                .flatMap(renamed -> renamed
                        ? outbox.append(tx, new ProjectRenamed(orgId, projectId, change.name()), actor)
                        : Uni.createFrom().failure(TollgateException.notFound("Project"))));
    }

    @Override
    public Uni<Boolean> exists(UUID orgId, UUID projectId) {
        return projects.find(identity, orgId, projectId).map(project -> project != null);
    }
}
