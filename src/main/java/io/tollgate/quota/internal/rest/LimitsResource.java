package io.tollgate.quota.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.ETags;
import io.tollgate.quota.internal.application.DefinitionService;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.Limits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Rate limits of an organisation, of one of its projects and of one of its keys. Project and key ids are taken
 * as given within the organisation: quota cannot read identity's or keys' databases, and limits of an id that
 * is not (or no longer) the organisation's never match a request.
 */
@Path("/admin/v1/orgs/{orgId}")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class LimitsResource {

    /** A level's limits as set and shown; null values are unlimited. */
    public record LimitsBody(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent, Map<String, Limit> models) {
        Limits limits() {
            return new Limits(requestsPerMinute, tokensPerMinute, maxConcurrent, models);
        }
    }

    /** A level's limits with their version (also the ETag); version 0 when never set. */
    public record LimitsView(UUID orgId, String level, UUID subjectId, Long requestsPerMinute, Long tokensPerMinute,
            Long maxConcurrent, Map<String, Limit> models, int version, Instant updatedAt) {
        static LimitsView of(LimitDefinition d) {
            Limits l = d.limits();
            return new LimitsView(d.orgId(), d.level().apiName(), d.subjectId(), l.requestsPerMinute(),
                    l.tokensPerMinute(), l.maxConcurrent(), l.models(), d.version(), d.updatedAt());
        }
    }

    private final DefinitionService definitions;
    private final CurrentActor actor;

    public LimitsResource(DefinitionService definitions, CurrentActor actor) {
        this.definitions = definitions;
        this.actor = actor;
    }

    @GET
    @Path("/limits")
    @PermissionsAllowed(value = Permissions.QUOTA_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The organisation's limits (the platform defaults until set)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> orgLimits(@PathParam("orgId") UUID orgId) {
        return definitions.limits(orgId, LimitLevel.ORG, orgId).map(LimitsResource::ok);
    }

    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.QUOTA_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid limits")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> setOrgLimits(@PathParam("orgId") UUID orgId, @HeaderParam("If-Match") String ifMatch,
            LimitsBody body) {
        return set(orgId, LimitLevel.ORG, orgId, ifMatch, body);
    }

    @GET
    @Path("/projects/{projectId}/limits")
    @PermissionsAllowed(value = Permissions.QUOTA_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The project's limits (unlimited until set)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> projectLimits(@PathParam("orgId") UUID orgId, @PathParam("projectId") UUID projectId) {
        return definitions.limits(orgId, LimitLevel.PROJECT, projectId).map(LimitsResource::ok);
    }

    @PUT
    @Path("/projects/{projectId}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.QUOTA_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid limits")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> setProjectLimits(@PathParam("orgId") UUID orgId, @PathParam("projectId") UUID projectId,
            @HeaderParam("If-Match") String ifMatch, LimitsBody body) {
        return set(orgId, LimitLevel.PROJECT, projectId, ifMatch, body);
    }

    @GET
    @Path("/keys/{keyId}/limits")
    @PermissionsAllowed(value = Permissions.QUOTA_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The key's limits (unlimited until set)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> keyLimits(@PathParam("orgId") UUID orgId, @PathParam("keyId") UUID keyId) {
        return definitions.limits(orgId, LimitLevel.KEY, keyId).map(LimitsResource::ok);
    }

    @PUT
    @Path("/keys/{keyId}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.QUOTA_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid limits")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> setKeyLimits(@PathParam("orgId") UUID orgId, @PathParam("keyId") UUID keyId,
            @HeaderParam("If-Match") String ifMatch, LimitsBody body) {
        return set(orgId, LimitLevel.KEY, keyId, ifMatch, body);
    }

    private Uni<Response> set(UUID orgId, LimitLevel level, UUID subjectId, String ifMatch, LimitsBody body) {
        LimitsBody given = body == null ? new LimitsBody(null, null, null, null) : body;
        return definitions.setLimits(orgId, level, subjectId, given.limits(), ETags.expectedVersion(ifMatch), actor.get())
                .map(LimitsResource::ok);
    }

    private static Response ok(LimitDefinition d) {
        return Response.ok(LimitsView.of(d)).header("etag", ETags.header(d.version())).build();
    }
}
