package io.tollgate.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.MembershipService;
import io.tollgate.identity.internal.domain.Membership;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.OrgRole;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/orgs/{orgId}/members}: who belongs to an organisation, and with which role. */
@Path("/admin/v1/orgs/{orgId}/members")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class MemberResource {

    public record AddMember(String email, String role) {
    }

    public record ChangeRole(String role) {
    }

    public record MemberView(UUID userId, UUID orgId, String email, String displayName, String role, Instant createdAt) {
        static MemberView of(Membership membership) {
            return new MemberView(membership.userId(), membership.orgId(), membership.email(), membership.displayName(),
                    membership.role().apiName(), membership.createdAt());
        }
    }

    private final MembershipService members;
    private final IdempotentCreates idempotency;
    private final SecurityIdentity caller;
    private final CurrentActor actor;

    public MemberResource(MembershipService members, IdempotentCreates idempotency, SecurityIdentity caller, CurrentActor actor) {
        this.members = members;
        this.idempotency = idempotency;
        this.caller = caller;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.MEMBERS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Invalid request, or no user with this e-mail address")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted, or the role ranks above the caller's")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "409", description = "Already a member, or the same Idempotency-Key is in progress")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Uni<Response> add(@PathParam("orgId") UUID orgId, AddMember body,
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        String email = body == null ? null : body.email();
        OrgRole role = role(body == null ? null : body.role());
        if (email == null || email.isBlank()) {
            throw TollgateException.invalid(Map.of("email", "is required"));
        }
        return idempotency.run(idempotencyKey, "members:" + orgId, actor.get().principal(), body,
                () -> members.add(orgId, email, role, grants(), actor.get()).map(member -> Response
                        .created(URI.create("/admin/v1/orgs/" + orgId + "/members/" + member.userId()))
                        .entity(MemberView.of(member)).tag(ETags.of(member.version())).build()));
    }

    @GET
    @PermissionsAllowed(value = Permissions.MEMBERS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "A page of members")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Page<MemberView>> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return members.page(orgId, Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, Membership::userId, MemberView::of));
    }

    @PATCH
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.MEMBERS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The member with the new role")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted, or a role above the caller's is involved")
    @APIResponse(responseCode = "404", description = "No such member or organisation")
    @APIResponse(responseCode = "409", description = "The organisation would be left without an owner")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> changeRole(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId, ChangeRole body,
            @HeaderParam("If-Match") String ifMatch) {
        OrgRole role = role(body == null ? null : body.role());
        return members.changeRole(orgId, userId, role, ETags.expectedVersion(ifMatch), grants(), actor.get())
                .map(member -> Response.ok(MemberView.of(member)).tag(ETags.of(member.version())).build());
    }

    @DELETE
    @Path("/{userId}")
    @PermissionsAllowed(value = Permissions.MEMBERS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted, or the member outranks the caller")
    @APIResponse(responseCode = "404", description = "No such member or organisation")
    @APIResponse(responseCode = "409", description = "The organisation would be left without an owner")
    public Uni<Response> remove(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId) {
        return members.remove(orgId, userId, grants(), actor.get()).map(v -> Response.noContent().build());
    }

    private Grants grants() {
        return Grants.of(caller.getRoles());
    }

    private static OrgRole role(String name) {
        if (name == null) {
            throw TollgateException.invalid(Map.of("role", "is required"));
        }
        return OrgRole.fromApiName(name).orElseThrow(() -> TollgateException.invalid(
                Map.of("role", "must be one of owner, admin, developer, billing, viewer")));
    }
}
