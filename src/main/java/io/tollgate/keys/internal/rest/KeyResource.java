package io.tollgate.keys.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.keys.internal.application.KeyService;
import io.tollgate.keys.internal.application.KeyService.IssuedKey;
import io.tollgate.keys.internal.domain.ApiKey;
import io.tollgate.keys.internal.domain.NewKey;
import io.tollgate.keys.internal.domain.Scope;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.IdempotentCreates;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/orgs/{orgId}/keys}: API keys. The secret appears in the create and rotate responses only. */
@Path("/admin/v1/orgs/{orgId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class KeyResource {

    public record CreateKey(String name, UUID projectId, List<String> scopes, Instant expiresAt) {
    }

    /** How long the replaced secret keeps working, in seconds (0, the default: it stops at once; at most 30 days). */
    public record RotateKey(Long gracePeriodSeconds) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(UUID id, UUID orgId, UUID projectId, String name, String prefix, List<String> scopes, String status,
            String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
        static KeyView of(ApiKey key, Instant now) {
            return new KeyView(key.id(), key.orgId(), key.projectId(), key.name(), key.displayPrefix(),
                    key.scopes().stream().map(Scope::apiName).sorted().toList(), key.status(now), key.createdBy(),
                    key.createdAt(), key.expiresAt(), key.revokedAt(), key.lastUsedAt());
        }
    }

    /** The create and rotate answers: the key and, this once, its secret in {@code key}. */
    public record IssuedKeyView(UUID id, UUID orgId, UUID projectId, String name, String key, String prefix,
            List<String> scopes, String status, Instant createdAt, Instant expiresAt) {
        static IssuedKeyView of(IssuedKey issued, Instant now) {
            ApiKey key = issued.key();
            return new IssuedKeyView(key.id(), key.orgId(), key.projectId(), key.name(), issued.secret(),
                    key.displayPrefix(), key.scopes().stream().map(Scope::apiName).sorted().toList(), key.status(now),
                    key.createdAt(), key.expiresAt());
        }

        @Override
        public String toString() {
            return "IssuedKeyView[" + id + "]";
        }
    }

    static final Duration MAX_GRACE = Duration.ofDays(30);

    private final KeyService keys;
    private final IdempotentCreates idempotency;
    private final SecurityIdentity caller;
    private final CurrentActor actor;

    public KeyResource(KeyService keys, IdempotentCreates idempotency, SecurityIdentity caller, CurrentActor actor) {
        this.keys = keys;
        this.idempotency = idempotency;
        this.caller = caller;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.KEYS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "201", description = "Created; `key` holds the secret, shown this once")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "409", description = "The same Idempotency-Key is in progress")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Uni<Response> create(@PathParam("orgId") UUID orgId, CreateKey body,
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        NewKey request = NewKey.of(body == null ? null : body.name(), body == null ? null : body.projectId(),
                body == null ? null : body.scopes(), body == null ? null : body.expiresAt(), keys.now());
        var who = actor.get();
        return idempotency.run(idempotencyKey, "keys:" + orgId, who.principal(), body,
                () -> keys.issue(orgId, request, Grants.of(caller.getRoles()), who).map(issued -> Response
                        .created(URI.create("/admin/v1/orgs/" + orgId + "/keys/" + issued.key().id()))
                        .header("cache-control", "no-store").entity(IssuedKeyView.of(issued, keys.now())).build()));
    }

    @GET
    @PermissionsAllowed(value = Permissions.KEYS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "A page of keys, without secrets")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Page<KeyView>> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        Instant now = keys.now();
        return keys.page(orgId, Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, ApiKey::id, key -> KeyView.of(key, now)));
    }

    @GET
    @Path("/{keyId}")
    @PermissionsAllowed(value = Permissions.KEYS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The key, without its secret")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such key or organisation")
    public Uni<KeyView> get(@PathParam("orgId") UUID orgId, @PathParam("keyId") UUID keyId) {
        return keys.get(orgId, keyId).map(key -> KeyView.of(key, keys.now()));
    }

    @DELETE
    @Path("/{keyId}")
    @PermissionsAllowed(value = Permissions.KEYS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such key or organisation")
    public Uni<Response> revoke(@PathParam("orgId") UUID orgId, @PathParam("keyId") UUID keyId) {
        return keys.revoke(orgId, keyId, actor.get()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{keyId}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.KEYS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The key with its new secret in `key`, shown this once")
    @APIResponse(responseCode = "400", description = "Invalid grace period")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such key or organisation")
    @APIResponse(responseCode = "409", description = "The key is revoked or expired")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> rotate(@PathParam("orgId") UUID orgId, @PathParam("keyId") UUID keyId, RotateKey body) {
        long seconds = body == null || body.gracePeriodSeconds() == null ? 0 : body.gracePeriodSeconds();
        if (seconds < 0 || seconds > MAX_GRACE.toSeconds()) {
            throw TollgateException.invalid(Map.of("gracePeriodSeconds", "must be between 0 and " + MAX_GRACE.toSeconds()));
        }
        return keys.rotate(orgId, keyId, Duration.ofSeconds(seconds), actor.get())
                .map(issued -> Response.ok(IssuedKeyView.of(issued, keys.now())).header("cache-control", "no-store").build());
    }
}
