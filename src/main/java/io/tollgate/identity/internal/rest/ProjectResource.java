package io.tollgate.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.identity.internal.domain.NewProject;
import io.tollgate.identity.internal.domain.Project;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.IdempotentCreates;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/orgs/{orgId}/projects}: projects of an organisation. */
@Path("/admin/v1/orgs/{orgId}/projects")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class ProjectResource {

    public record CreateProject(String slug, String name) {
    }

    public record ProjectView(UUID id, UUID orgId, String slug, String name, Instant createdAt) {
        static ProjectView of(Project project) {
            return new ProjectView(project.id(), project.orgId(), project.slug(), project.name(), project.createdAt());
        }
    }

    private final ProjectService projects;
    private final IdempotentCreates idempotency;
    private final CurrentActor actor;

    public ProjectResource(ProjectService projects, IdempotentCreates idempotency, CurrentActor actor) {
        this.projects = projects;
        this.idempotency = idempotency;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.PROJECTS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "409", description = "Slug taken in this organisation, or the same Idempotency-Key is in progress")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Uni<Response> create(@PathParam("orgId") UUID orgId, CreateProject body,
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        NewProject request = NewProject.of(body == null ? null : body.slug(), body == null ? null : body.name());
        return idempotency.run(idempotencyKey, "projects:" + orgId, actor.get().principal(), request,
                () -> projects.create(orgId, request, actor.get()).map(project -> Response
                        .created(URI.create("/admin/v1/orgs/" + orgId + "/projects/" + project.id()))
                        .entity(ProjectView.of(project)).build()));
    }

    @GET
    @PermissionsAllowed(value = Permissions.PROJECTS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "A page of projects")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Page<ProjectView>> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return projects.page(orgId, Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, Project::id, ProjectView::of));
    }
}
