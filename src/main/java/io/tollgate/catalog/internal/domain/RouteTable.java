package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.DeploymentPrice;
import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.api.ModelRoute;
import io.tollgate.catalog.api.RoutingSnapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Builds the gateway's routing snapshot from the live catalog, read at one revision. */
public final class RouteTable {

    private RouteTable() {
    }

    /**
     * Deployments on providers that are gone are left out; a model with none left is left out too. Each
     * deployment carries its price schedule from {@code at} ({@code prices} by model id; a model without any is
     * unpriced).
     */
    public static RoutingSnapshot snapshot(long revision, Instant at, List<Model> models, Map<UUID, Provider> providers,
            Map<UUID, PriceHistory> prices) {
        Map<String, ModelRoute> routes = new TreeMap<>();
        for (Model model : models) {
            PriceHistory history = prices.getOrDefault(model.id(), new PriceHistory(List.of()));
            List<DeploymentRoute> deployments = model.deployments().stream()
                    .filter(d -> providers.containsKey(d.providerId()))
                    .sorted(Comparator.comparingInt(Deployment::priority))
                    .map(d -> route(d, providers.get(d.providerId()), history.scheduleFrom(at, d.id())))
                    .toList();
            if (!deployments.isEmpty()) {
                routes.put(model.name(), new ModelRoute(model.id(), model.name(), model.orgId(), model.audience(),
                        model.strategy(), model.retry(), model.fallbacks(), model.capabilities(), deployments));
            }
        }
        return new RoutingSnapshot(revision, at, routes);
    }

    private static DeploymentRoute route(Deployment d, Provider p, List<Price> schedule) {
        return new DeploymentRoute(d.id(), p.id(), p.type(), p.baseUrl(), p.apiVersion(), p.extraHeaders(),
                p.timeouts(), p.maxConcurrent(), p.credential() == null ? null : p.credential().encrypted(),
                d.upstreamModel(), d.weight(), d.priority(), d.maxConcurrent(), d.rpm(), d.tpm(),
                schedule.stream().map(price -> DeploymentPrice.of(price.effectiveFrom(), price.currency(),
                        price.inputPer1M(), price.outputPer1M(), price.cachedInputPer1M())).toList());
    }
}
