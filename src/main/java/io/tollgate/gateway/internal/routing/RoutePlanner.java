package io.tollgate.gateway.internal.routing;

import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.api.ModelRoute;
import io.tollgate.catalog.api.RoutingSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which one request's candidates are tried: the requested model's deployments by priority tier
 * (0 first; weight 0 drains a deployment, so it is left out), within a tier by the model's strategy, then each fallback model's the same way (a fallback the
 * caller may not use, or one already listed, is skipped). Built per request; the router walks it.
 */
@ApplicationScoped
public class RoutePlanner {

    private final DeploymentHealth health;

    public RoutePlanner(DeploymentHealth health) {
        this.health = health;
    }

    public List<Candidate> plan(ModelRoute model, RoutingSnapshot snapshot, UUID org, UUID project) {
        List<Candidate> plan = new ArrayList<>(model.deployments().size() + model.fallbacks().size());
        Set<String> seen = new HashSet<>();
        seen.add(model.name());
        addTiers(model, plan);
        for (String name : model.fallbacks()) {
            if (seen.add(name)) {
                snapshot.route(name, org, project).ifPresent(fallback -> addTiers(fallback, plan));
            }
        }
        return plan;
    }

    private void addTiers(ModelRoute model, List<Candidate> plan) {
        List<DeploymentRoute> deployments = new ArrayList<>(model.deployments());
        deployments.removeIf(deployment -> deployment.weight() <= 0); // weight 0 drains a deployment
        deployments.sort(Comparator.comparingInt(DeploymentRoute::priority));
        int start = 0;
        while (start < deployments.size()) {
            int tier = deployments.get(start).priority();
            int end = start;
            while (end < deployments.size() && deployments.get(end).priority() == tier) {
                end++;
            }
            for (DeploymentRoute deployment : order(model, deployments.subList(start, end))) {
                plan.add(new Candidate(model, deployment));
            }
            start = end;
        }
    }

    private List<DeploymentRoute> order(ModelRoute model, List<DeploymentRoute> tier) {
        if (tier.size() == 1) {
            return tier;
        }
        List<DeploymentRoute> ordered = new ArrayList<>(tier);
        switch (model.strategy()) {
            case LEAST_BUSY -> ordered.sort(Comparator.comparingInt(d -> health.inFlight(d.id())));
            case LOWEST_LATENCY -> ordered.sort(Comparator.comparingDouble(d -> health.latencyMs(d.id())));
            case WEIGHTED -> weightedShuffle(ordered);
        }
        return ordered;
    }

    /**
     * Orders deployments so that each position is drawn at random in proportion to weight among those left
     * (the first pick is the weighted choice; the rest are the fallbacks within the tier).
     */
    static void weightedShuffle(List<DeploymentRoute> deployments) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int position = 0; position < deployments.size() - 1; position++) {
            long total = 0;
            for (int i = position; i < deployments.size(); i++) {
                total += Math.max(0, deployments.get(i).weight());
            }
            if (total == 0) {
                return;
            }
            long draw = random.nextLong(total);
            for (int i = position; i < deployments.size(); i++) {
                draw -= Math.max(0, deployments.get(i).weight());
                if (draw < 0) {
                    deployments.add(position, deployments.remove(i));
                    break;
                }
            }
        }
    }
}
