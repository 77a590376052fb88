package io.tollgate.gateway.internal.routing;

import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.api.ModelRoute;

/** One deployment the router may call, with the model (the requested one or a fallback) it belongs to. */
public record Candidate(ModelRoute model, DeploymentRoute deployment) {
}
