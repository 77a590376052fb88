package io.tollgate.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.identity.internal.domain.OrgChange;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.ETags;
import io.tollgate.platform.web.IdempotentCreates;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/orgs}: organisations. */
@Path("/admin/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class OrgResource {

    /** What a caller sends to create an organisation. */
    public record CreateOrg(String slug, String name) {
    }

    /** A partial update: only the fields present change. */
    public record UpdateOrg(String name, String status) {
    }

    /** An organisation as the API shows it. */
    public record OrgView(UUID id, String slug, String name, String status, Instant createdAt) {
        static OrgView of(Org org) {
            return new OrgView(org.id(), org.slug(), org.name(), org.status().name().toLowerCase(Locale.ROOT), org.createdAt());
        }
    }

    private final OrgService orgs;
    private final IdempotentCreates idempotency;
    private final SecurityIdentity caller;
    private final CurrentActor actor;

    public OrgResource(OrgService orgs, IdempotentCreates idempotency, SecurityIdentity caller, CurrentActor actor) {
        this.orgs = orgs;
        this.idempotency = idempotency;
        this.caller = caller;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.ORGS_CREATE)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "409", description = "Slug taken, or the same Idempotency-Key is in progress")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Uni<Response> create(CreateOrg body, @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        NewOrg request = NewOrg.of(body == null ? null : body.slug(), body == null ? null : body.name());
        return idempotency.run(idempotencyKey, "orgs", actor.get().principal(), request, () -> orgs.create(request, actor.get())
                .map(org -> Response.created(URI.create("/admin/v1/orgs/" + org.id())).entity(OrgView.of(org))
                        .tag(ETags.of(org.version())).build()));
    }

    /** Every organisation for a superadmin; for anyone else, the organisations they belong to. */
    @GET
    @Authenticated
    @APIResponse(responseCode = "200", description = "A page of organisations")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "An API key without a management scope")
    public Uni<Page<OrgView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        Grants grants = Grants.of(caller.getRoles());
        return orgs.page(Cursors.decode(cursor), size + 1, grants.superadmin() ? null : grants.orgPermissions().keySet())
                .map(page -> Cursors.page(page, size, Org::id, OrgView::of));
    }

    @GET
    @Path("/{orgId}")
    @PermissionsAllowed(value = Permissions.ORGS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The organisation")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> get(@PathParam("orgId") UUID orgId) {
        return orgs.get(orgId).map(org -> Response.ok(OrgView.of(org)).tag(ETags.of(org.version())).build());
    }

    @PATCH
    @Path("/{orgId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.ORGS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The updated organisation")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> update(@PathParam("orgId") UUID orgId, UpdateOrg body, @HeaderParam("If-Match") String ifMatch) {
        OrgChange change = OrgChange.of(body == null ? null : body.name(), body == null ? null : body.status());
        return orgs.update(orgId, change, ETags.expectedVersion(ifMatch), actor.get())
                .map(org -> Response.ok(OrgView.of(org)).tag(ETags.of(org.version())).build());
    }

    @DELETE
    @Path("/{orgId}")
    @PermissionsAllowed(value = Permissions.ORGS_DELETE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> delete(@PathParam("orgId") UUID orgId) {
        return orgs.delete(orgId, actor.get()).map(v -> Response.noContent().build());
    }
}
