package io.tollgate.gateway.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.ModelRoute;
import io.tollgate.catalog.api.RoutingSnapshot;
import io.tollgate.catalog.api.RoutingSnapshotReader;
import io.tollgate.gateway.internal.apischema.openai.ModelList;
import io.tollgate.gateway.internal.apischema.openai.ModelObject;
import io.tollgate.gateway.internal.auth.Caller;
import io.tollgate.gateway.internal.auth.KeyAuthenticator;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /v1/models}: the models the caller's key may use, in OpenAI's format. Open to the HTTP security layer
 * ({@code @PermitAll}): {@code /v1} authenticates API keys itself, on the hot path, through {@link KeyAuthenticator}.
 */
@Path("/v1/models")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class ModelsResource {

    private static final String OWNER = "tollgate";

    private final KeyAuthenticator keys;
    private final RoutingSnapshotReader routes;

    public ModelsResource(KeyAuthenticator keys, RoutingSnapshotReader routes) {
        this.keys = keys;
        this.routes = routes;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The models this key may use")
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key")
    @APIResponse(responseCode = "403", description = "The key has no inference scope")
    @APIResponse(responseCode = "503", description = "The key index is unavailable")
    public Uni<ModelList> list(@HeaderParam("Authorization") String authorization, @HeaderParam("api-key") String apiKey) {
        return keys.authenticate(authorization, apiKey).map(caller -> {
            RoutingSnapshot snapshot = routes.current().orElse(null);
            if (snapshot == null) {
                return ModelList.of(java.util.List.of());
            }
            return ModelList.of(snapshot.models().values().stream()
                    .filter(model -> model.usableBy(caller.orgId(), caller.projectId()))
                    .sorted(Comparator.comparing(ModelRoute::name))
                    .map(model -> view(model, snapshot))
                    .toList());
        });
    }

    @GET
    @Path("/{model}")
    @APIResponse(responseCode = "200", description = "The model")
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key")
    @APIResponse(responseCode = "403", description = "The key has no inference scope")
    @APIResponse(responseCode = "404", description = "No such model for this key")
    @APIResponse(responseCode = "503", description = "The key index is unavailable")
    public Uni<ModelObject> get(@PathParam("model") String name, @HeaderParam("Authorization") String authorization,
            @HeaderParam("api-key") String apiKey) {
        return keys.authenticate(authorization, apiKey).map(caller -> find(caller, name));
    }

    private ModelObject find(Caller caller, String name) {
        Optional<RoutingSnapshot> snapshot = routes.current();
        return snapshot.flatMap(s -> s.route(name, caller.orgId(), caller.projectId()).map(model -> view(model, s)))
                .orElseThrow(() -> new TollgateException(ErrorKind.NOT_FOUND, "The model '" + name + "' does not exist",
                        Map.of(), "model_not_found", "model"));
    }

    /** OpenAI's {@code created} is when the model appeared; the snapshot's time is the best Tollgate has here. */
    private static ModelObject view(ModelRoute model, RoutingSnapshot snapshot) {
        return ModelObject.of(model.name(), snapshot.generatedAt().getEpochSecond(),
                model.ownerOrgId() == null ? OWNER : model.ownerOrgId().toString());
    }
}
