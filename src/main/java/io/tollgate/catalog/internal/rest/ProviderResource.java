package io.tollgate.catalog.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.catalog.internal.domain.ProviderSecret;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.ETags;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.Cursors;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /admin/v1/providers}: upstream providers. Credentials are write-only: a response shows at most the
 * key's last 4 characters. Access is checked per object ({@code CatalogAccess}): platform-wide providers are
 * changed by the superadmin, an organisation's by its {@code catalog:write} holders.
 */
@Path("/admin/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class ProviderResource {

    /** Partial timeouts; missing ones keep their current (or default) value. */
    public record TimeoutsBody(Integer connectMs, Integer firstByteMs, Integer idleMs, Integer totalMs) {
        static Timeouts over(TimeoutsBody body, Timeouts base) {
            if (body == null) {
                return base;
            }
            return new Timeouts(body.connectMs == null ? base.connectMs() : body.connectMs,
                    body.firstByteMs == null ? base.firstByteMs() : body.firstByteMs,
                    body.idleMs == null ? base.idleMs() : body.idleMs,
                    body.totalMs == null ? base.totalMs() : body.totalMs);
        }
    }

    /** What a caller sends to create a provider; {@code orgId} null makes it platform-wide. */
    public record CreateProvider(UUID orgId, String name, String type, String baseUrl, String apiVersion, String apiKey,
            Map<String, String> credentialHeaders, Map<String, String> extraHeaders, TimeoutsBody timeouts,
            Integer maxConcurrent) {
        @Override
        public String toString() {
            return "CreateProvider[" + name + ", credential redacted]";
        }
    }

    /** A partial update: absent fields keep their value; a new apiKey or credentialHeaders replaces the credential. */
    public record UpdateProvider(String name, String baseUrl, String apiVersion, String apiKey,
            Map<String, String> credentialHeaders, Map<String, String> extraHeaders, TimeoutsBody timeouts,
            Integer maxConcurrent) {
        @Override
        public String toString() {
            return "UpdateProvider[" + name + ", credential redacted]";
        }
    }

    /** A provider as the API shows it: never the credential, at most the key's last 4 characters. */
    public record ProviderView(UUID id, UUID orgId, String name, String type, String baseUrl, String apiVersion,
            Map<String, String> extraHeaders, Timeouts timeouts, Integer maxConcurrent, boolean hasCredential,
            String apiKeyLast4, List<String> credentialHeaderNames, int version, Instant createdAt, Instant updatedAt) {
        static ProviderView of(Provider p) {
            var c = p.credential();
            return new ProviderView(p.id(), p.orgId(), p.name(), p.type().apiName(), p.baseUrl(), p.apiVersion(),
                    p.extraHeaders(), p.timeouts(), p.maxConcurrent(), c != null, c == null ? null : c.last4(),
                    c == null ? List.of() : c.headerNames(), p.version(), p.createdAt(), p.updatedAt());
        }
    }

    /** The outcome of a credential rotation. */
    public record RotationView(String activeKeyId, int reencrypted) {
    }

    private final ProviderService providers;
    private final SecurityIdentity identity;

    private final CurrentActor actor;

    public ProviderResource(ProviderService providers, SecurityIdentity identity, CurrentActor actor) {
        this.actor = actor;
        this.providers = providers;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "Organisation not found, or not yours")
    @APIResponse(responseCode = "409", description = "Name taken")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Base URL not allowed")
    public Uni<Response> create(CreateProvider body) {
        CreateProvider b = body == null ? new CreateProvider(null, null, null, null, null, null, null, null, null, null) : body;
        ProviderDraft draft = ProviderDraft.of(b.orgId(), b.name(), b.type(), b.baseUrl(), b.apiVersion(),
                b.extraHeaders(), TimeoutsBody.over(b.timeouts(), Timeouts.DEFAULT), b.maxConcurrent(),
                secret(b.apiKey(), b.credentialHeaders()), false);
        return providers.create(AccessFactory.of(identity, actor.get()), draft)
                .map(p -> Response.created(URI.create("/admin/v1/providers/" + p.id()))
                        .header("etag", ETags.header(p.version())).entity(ProviderView.of(p)).build());
    }

    @GET
    @Authenticated
    @APIResponse(responseCode = "200", description = "A page of providers")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<Page<ProviderView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return providers.page(AccessFactory.of(identity, actor.get()), Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, Provider::id, ProviderView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The provider")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such provider, or not yours")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return providers.get(AccessFactory.of(identity, actor.get()), id).map(ProviderResource::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such provider, or not yours")
    @APIResponse(responseCode = "409", description = "Name taken")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Base URL not allowed")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, UpdateProvider body) {
        UpdateProvider b = body == null ? new UpdateProvider(null, null, null, null, null, null, null, null) : body;
        return providers.update(AccessFactory.of(identity, actor.get()), id, ETags.expectedVersion(ifMatch), current -> ProviderDraft.of(
                current.orgId(), or(b.name(), current.name()), current.type().apiName(), or(b.baseUrl(), current.baseUrl()),
                or(b.apiVersion(), current.apiVersion()), or(b.extraHeaders(), current.extraHeaders()),
                TimeoutsBody.over(b.timeouts(), current.timeouts()), or(b.maxConcurrent(), current.maxConcurrent()),
                secret(b.apiKey(), b.credentialHeaders()), current.credential() != null))
                .map(ProviderResource::ok);
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "204", description = "Deleted; its credential is destroyed")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such provider, or not yours")
    @APIResponse(responseCode = "409", description = "Models still deploy on it")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return providers.delete(AccessFactory.of(identity, actor.get()), id, ETags.expectedVersion(ifMatch))
                .map(done -> Response.noContent().build());
    }

    private static Response ok(Provider p) {
        return Response.ok(ProviderView.of(p)).header("etag", ETags.header(p.version())).build();
    }

    private static ProviderSecret secret(String apiKey, Map<String, String> headers) {
        return apiKey == null && headers == null ? null : new ProviderSecret(apiKey, headers);
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
