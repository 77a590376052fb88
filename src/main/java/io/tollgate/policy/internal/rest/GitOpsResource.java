package io.tollgate.policy.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.policy.internal.application.GitOpsService;
import io.tollgate.policy.internal.application.GitOpsWebhook;
import io.tollgate.policy.internal.application.GitOpsWebhook.Delivery;
import io.tollgate.policy.internal.application.GitOpsWebhook.Ignored;
import io.tollgate.policy.internal.application.GitOpsWebhook.Requested;
import io.tollgate.policy.internal.documents.DocumentReader.Reading;
import io.tollgate.policy.internal.documents.RawDocument;
import io.tollgate.policy.internal.documents.SourceFile;
import io.tollgate.policy.internal.domain.Location;
import io.tollgate.policy.internal.domain.Outcome;
import io.tollgate.policy.internal.rest.GitOpsViews.DriftListView;
import io.tollgate.policy.internal.rest.GitOpsViews.DriftView;
import io.tollgate.policy.internal.rest.GitOpsViews.PlanView;
import io.tollgate.policy.internal.rest.GitOpsViews.StatusView;
import io.tollgate.policy.internal.rest.GitOpsViews.SyncRequested;
import io.tollgate.policy.internal.rest.GitOpsViews.WebhookIgnored;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /admin/v1/gitops}: the state of the GitOps reconciler, its drift, dry-run plans for CI and sync requests.
 * Platform-wide, so superadmin only ({@code gitops:read}, {@code gitops:write}), except the Git host's webhook, which
 * authenticates by the webhook's shared secret instead of a token (ADR 0028).
 */
@Path("/admin/v1/gitops")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class GitOpsResource {

    static final String YAML = "application/yaml";

    /** The JSON body of a plan request. */
    public record PlanRequest(List<JsonNode> documents) {
    }

    private final GitOpsService gitops;
    private final GitOpsWebhook webhook;
    private final CurrentActor actor;
    private final ObjectMapper json;

    public GitOpsResource(GitOpsService gitops, GitOpsWebhook webhook, CurrentActor actor, ObjectMapper json) {
        this.gitops = gitops;
        this.webhook = webhook;
        this.actor = actor;
        this.json = json;
    }

    @GET
    @Path("/status")
    @PermissionsAllowed(Permissions.GITOPS_READ)
    @APIResponse(responseCode = "200", description = "The reconciler's state")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<StatusView> status() {
        return gitops.status().map(StatusView::of);
    }

    @GET
    @Path("/drift")
    @PermissionsAllowed(Permissions.GITOPS_READ)
    @APIResponse(responseCode = "200", description = "Objects changed outside Git and not restored")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<DriftListView> drift() {
        return gitops.drift().map(drift -> new DriftListView(drift.stream().map(DriftView::of).toList()));
    }

    @POST
    @Path("/plan")
    @Consumes({MediaType.APPLICATION_JSON, YAML})
    @PermissionsAllowed(Permissions.GITOPS_READ)
    @APIResponse(responseCode = "200", description = "What a sync of these documents would change")
    @APIResponse(responseCode = "400", description = "Malformed JSON or no documents")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Neither JSON nor YAML")
    @APIResponse(responseCode = "422", description = "Invalid documents, with file and line")
    public Uni<PlanView> plan(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, String body) {
        return Uni.createFrom().item(() -> read(type, body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(gitops::plan).map(PlanView::of);
    }

    @POST
    @Path("/sync")
    @PermissionsAllowed(Permissions.GITOPS_WRITE)
    @APIResponse(responseCode = "202", description = "Sync requested; a worker runs it within its poll interval")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "409", description = "GitOps is not configured")
    public Uni<Response> sync() {
        return gitops.requestSync(actor.get()).map(id -> Response.accepted(
                new SyncRequested(id, Outcome.REQUESTED.apiName())).build());
    }

    /** No session: the delivery's signature (GitHub) or token (GitLab) is its authentication, checked first. */
    @POST
    @Path("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @APIResponse(responseCode = "200", description = "Authentic, but requests no sync: a ping, another event or branch")
    @APIResponse(responseCode = "202", description = "A push to the configured branch: sync requested")
    @APIResponse(responseCode = "400", description = "Malformed JSON, or a push without ref")
    @APIResponse(responseCode = "401", description = "Missing or wrong signature or token")
    @APIResponse(responseCode = "404", description = "No webhook secret is configured")
    @APIResponse(responseCode = "409", description = "GitOps is not configured")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> webhook(@HeaderParam("X-Hub-Signature-256") String githubSignature,
            @HeaderParam("X-GitHub-Event") String githubEvent, @HeaderParam("X-Gitlab-Token") String gitlabToken,
            @HeaderParam("X-Gitlab-Event") String gitlabEvent, byte[] body) {
        Delivery delivery = new Delivery(githubSignature, githubEvent, gitlabToken, gitlabEvent,
                body == null ? new byte[0] : body);
        return webhook.receive(delivery, actor.anonymous()).map(received -> switch (received) {
            case Requested requested -> Response.accepted(
                    new SyncRequested(requested.runId(), Outcome.REQUESTED.apiName())).build();
            case Ignored ignored -> Response.ok(WebhookIgnored.because(ignored.reason())).build();
        });
    }

    private Reading read(MediaType type, String body) {
        if (body == null || body.isBlank()) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "The body holds no documents");
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return gitops.planning().reader().read(documents(body), List.of());
        }
        return gitops.planning().reader().readFiles(List.of(new SourceFile("request.yaml", body)));
    }

    /** {@code {"documents": [...]}}: each document is named by its position, as it has no file or lines. */
    private List<RawDocument> documents(String body) {
        PlanRequest request;
        try {
            request = json.readValue(body, PlanRequest.class);
        } catch (JsonProcessingException e) {
            throw new TollgateException(ErrorKind.BAD_REQUEST, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (request.documents() == null || request.documents().isEmpty()) {
            throw TollgateException.invalid(Map.of("documents", "must list at least one document"));
        }
        List<RawDocument> documents = new ArrayList<>();
        for (int i = 0; i < request.documents().size(); i++) {
            JsonNode document = request.documents().get(i);
            if (document instanceof ObjectNode object) {
                documents.add(new RawDocument(object, new Location("documents[" + i + "]", null), Map.of()));
            } else {
                throw TollgateException.invalid(Map.of("documents[" + i + "]", "must be an object (a document)"));
            }
        }
        return documents;
    }
}
