package io.tollgate.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.identity.internal.domain.Org;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** {@code /admin/v1/orgs}: organisations. */
@Path("/admin/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class OrgResource {

    /** What a caller sends to create an organisation. */
    public record CreateOrg(String slug, String name) {
    }

    /** An organisation as the API shows it. */
    public record OrgView(UUID id, String slug, String name, String status, Instant createdAt) {
        static OrgView of(Org org) {
            return new OrgView(org.id(), org.slug(), org.name(), org.status().name().toLowerCase(), org.createdAt());
        }
    }

    private final OrgService orgs;

    public OrgResource(OrgService orgs) {
        this.orgs = orgs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.ORGS_CREATE)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "409", description = "Slug taken")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> create(CreateOrg body) {
        NewOrg request = NewOrg.of(body == null ? null : body.slug(), body == null ? null : body.name());
        return orgs.create(request).map(org -> Response.created(URI.create("/admin/v1/orgs/" + org.id()))
                .entity(OrgView.of(org)).build());
    }

    @GET
    @PermissionsAllowed(Permissions.ORGS_LIST)
    @APIResponse(responseCode = "200", description = "A page of organisations")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<Page<OrgView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return orgs.page(Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, Org::id, OrgView::of));
    }

    @GET
    @Path("/{orgId}")
    @PermissionsAllowed(value = Permissions.ORGS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The organisation")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<OrgView> get(@PathParam("orgId") UUID orgId) {
        return orgs.get(orgId).map(OrgView::of);
    }
}
