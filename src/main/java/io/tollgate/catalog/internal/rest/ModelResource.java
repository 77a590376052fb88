package io.tollgate.catalog.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.domain.Deployment;
import io.tollgate.catalog.internal.domain.Model;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.ModelDraft.DeploymentFields;
import io.tollgate.catalog.internal.domain.Price;
import io.tollgate.catalog.internal.domain.PriceDraft;
import io.tollgate.catalog.internal.domain.PricedModel;
import io.tollgate.platform.error.TollgateException;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /admin/v1/models}: models with their deployments and routing, and their price history. Access is
 * checked per object ({@code CatalogAccess}); a model restricted to other organisations answers 404.
 */
@Path("/admin/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class ModelResource {

    /** Partial retry policy; missing values keep their current (or default) value. */
    public record RetryBody(Integer attempts, Integer backoffMs) {
        static RetryPolicy over(RetryBody body, RetryPolicy base) {
            return body == null ? base : new RetryPolicy(body.attempts == null ? base.attempts() : body.attempts,
                    body.backoffMs == null ? base.backoffMs() : body.backoffMs);
        }
    }

    /** Partial capabilities; missing flags keep their current (or default) value. */
    public record CapabilitiesBody(Boolean chat, Boolean embeddings, Boolean completions, Boolean tools, Boolean vision,
            Integer maxContextTokens) {
        static Capabilities over(CapabilitiesBody b, Capabilities base) {
            return b == null ? base : new Capabilities(b.chat == null ? base.chat() : b.chat,
                    b.embeddings == null ? base.embeddings() : b.embeddings,
                    b.completions == null ? base.completions() : b.completions,
                    b.tools == null ? base.tools() : b.tools, b.vision == null ? base.vision() : b.vision,
                    b.maxContextTokens == null ? base.maxContextTokens() : b.maxContextTokens);
        }
    }

    /** What a caller sends to create a model; {@code orgId} null makes it platform-wide. */
    public record CreateModel(UUID orgId, String name, List<Audience> audience, String strategy, RetryBody retry,
            List<String> fallbacks, CapabilitiesBody capabilities, List<DeploymentFields> deployments) {
    }

    /** A partial update: absent fields keep their value; {@code deployments}, when given, replaces the list. */
    public record UpdateModel(String name, List<Audience> audience, String strategy, RetryBody retry,
            List<String> fallbacks, CapabilitiesBody capabilities, List<DeploymentFields> deployments) {
    }

    /** A deployment as the API shows it. */
    public record DeploymentView(UUID id, UUID providerId, String upstreamModel, int weight, int priority,
            Integer maxConcurrent, Integer rpm, Integer tpm) {
        static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id(), d.providerId(), d.upstreamModel(), d.weight(), d.priority(),
                    d.maxConcurrent(), d.rpm(), d.tpm());
        }
    }

    /** A model as the API shows it; {@code unpriced} when a deployment has no price in effect now. */
    public record ModelView(UUID id, UUID orgId, String name, List<Audience> audience, String strategy,
            RetryPolicy retry, List<String> fallbacks, Capabilities capabilities, List<DeploymentView> deployments,
            boolean unpriced, int version, Instant createdAt, Instant updatedAt) {
        static ModelView of(PricedModel priced, Instant now) {
            Model m = priced.model();
            return new ModelView(m.id(), m.orgId(), m.name(), m.audience(), m.strategy().apiName(), m.retry(),
                    m.fallbacks(), m.capabilities(), m.deployments().stream().map(DeploymentView::of).toList(),
                    priced.unpricedAt(now), m.version(), m.createdAt(), m.updatedAt());
        }
    }

    /** What a caller sends to add a price version; {@code deploymentId} null prices the whole model. */
    public record CreatePrice(UUID deploymentId, BigDecimal inputPer1M, BigDecimal outputPer1M,
            BigDecimal cachedInputPer1M, String currency, Instant effectiveFrom) {
    }

    /** A price version; amounts are exact decimal strings per million tokens. */
    public record PriceView(UUID id, UUID deploymentId, String inputPer1M, String outputPer1M, String cachedInputPer1M,
            String currency, Instant effectiveFrom, Instant createdAt) {
        static PriceView of(Price p) {
            return new PriceView(p.id(), p.deploymentId(), text(p.inputPer1M()), text(p.outputPer1M()),
                    text(p.cachedInputPer1M()), p.currency(), p.effectiveFrom(), p.createdAt());
        }
    }

    /** Price versions, oldest first. */
    public record PriceList(List<PriceView> items) {
    }

    private final ModelService models;
    private final SecurityIdentity identity;
    private final Clock clock;

    private final CurrentActor actor;

    public ModelResource(ModelService models, SecurityIdentity identity, Clock clock, CurrentActor actor) {
        this.actor = actor;
        this.models = models;
        this.identity = identity;
        this.clock = clock;
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
    @APIResponse(responseCode = "422", description = "Unknown provider or fallback model")
    public Uni<Response> create(CreateModel body) {
        CreateModel b = body == null ? new CreateModel(null, null, null, null, null, null, null, null) : body;
        ModelDraft draft = ModelDraft.of(b.orgId(), b.name(), b.audience(), b.strategy(),
                RetryBody.over(b.retry(), RetryPolicy.DEFAULT), b.fallbacks(),
                CapabilitiesBody.over(b.capabilities(), Capabilities.CHAT), b.deployments());
        return models.create(AccessFactory.of(identity, actor.get()), draft)
                .map(m -> Response.created(URI.create("/admin/v1/models/" + m.model().id()))
                        .header("etag", ETags.header(m.model().version())).entity(ModelView.of(m, clock.instant())).build());
    }

    @GET
    @Authenticated
    @APIResponse(responseCode = "200", description = "A page of models")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<Page<ModelView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        Instant now = clock.instant();
        return models.page(AccessFactory.of(identity, actor.get()), Cursors.decode(cursor), size + 1)
                .map(page -> Cursors.page(page, size, m -> m.model().id(), m -> ModelView.of(m, now)));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The model")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such model, or not visible to you")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return models.get(AccessFactory.of(identity, actor.get()), id).map(this::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such model, or not visible to you")
    @APIResponse(responseCode = "409", description = "Name taken")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Unknown provider or fallback model")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, UpdateModel body) {
        UpdateModel b = body == null ? new UpdateModel(null, null, null, null, null, null, null) : body;
        return models.update(AccessFactory.of(identity, actor.get()), id, ETags.expectedVersion(ifMatch), current -> ModelDraft.of(
                current.orgId(), or(b.name(), current.name()), or(b.audience(), current.audience()),
                or(b.strategy(), current.strategy().apiName()), RetryBody.over(b.retry(), current.retry()),
                or(b.fallbacks(), current.fallbacks()), CapabilitiesBody.over(b.capabilities(), current.capabilities()),
                or(b.deployments(), current.deployments().stream().map(d -> new DeploymentFields(
                        d.providerId().toString(), d.upstreamModel(), d.weight(), d.priority(), d.maxConcurrent(),
                        d.rpm(), d.tpm())).toList())))
                .map(this::ok);
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "204", description = "Deleted; its price history is kept")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such model, or not visible to you")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return models.delete(AccessFactory.of(identity, actor.get()), id, ETags.expectedVersion(ifMatch))
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/prices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @APIResponse(responseCode = "201", description = "Price version added")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such model, or not visible to you")
    @APIResponse(responseCode = "409", description = "A version of the same scope starts later")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Not a deployment of this model")
    public Uni<Response> addPrice(@PathParam("id") UUID id, CreatePrice body) {
        CreatePrice b = body == null ? new CreatePrice(null, null, null, null, null, null) : body;
        return models.addPrice(AccessFactory.of(identity, actor.get()), id, now -> PriceDraft.of(b.deploymentId(), b.inputPer1M(),
                b.outputPer1M(), b.cachedInputPer1M(), b.currency(), b.effectiveFrom(), now))
                .map(p -> Response.created(URI.create("/admin/v1/models/" + id + "/prices")).entity(PriceView.of(p)).build());
    }

    @GET
    @Path("/{id}/prices")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The price history, or the prices in effect at `at`")
    @APIResponse(responseCode = "400", description = "Invalid `at`")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such model, or not visible to you")
    public Uni<PriceList> prices(@PathParam("id") UUID id, @QueryParam("at") String at) {
        Instant instant = parseInstant(at);
        return models.prices(AccessFactory.of(identity, actor.get()), id).map(history -> {
            List<Price> versions = history.versions();
            if (instant != null) {
                versions = Stream.concat(Stream.of((UUID) null), versions.stream().map(Price::deploymentId))
                        .distinct().flatMap(scope -> history.priceAt(instant, scope).stream())
                        .distinct().toList();
            }
            return new PriceList(versions.stream().map(PriceView::of).toList());
        });
    }

    private Response ok(PricedModel m) {
        return Response.ok(ModelView.of(m, clock.instant())).header("etag", ETags.header(m.model().version())).build();
    }

    private static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw TollgateException.invalid(Map.of("at", "must be an RFC 3339 timestamp such as 2025-01-31T12:00:00Z"));
        }
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
