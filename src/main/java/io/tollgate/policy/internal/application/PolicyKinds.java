package io.tollgate.policy.internal.application;

import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.internal.domain.KindRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link PolicyKind} the contexts provide, by kind name, with the pruning configured for each. */
@ApplicationScoped
public class PolicyKinds implements KindRules {

    private final Map<String, PolicyKind> kinds = new TreeMap<>();
    private final Map<String, Boolean> prune;

    public PolicyKinds(Instance<PolicyKind> beans, GitOpsConfig config) {
        for (PolicyKind kind : beans) {
            PolicyKind earlier = kinds.put(kind.kind(), kind);
            if (earlier != null) {
                throw new IllegalStateException("Two beans declare policy kind " + kind.kind() + ": "
                        + earlier.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.prune = Map.copyOf(config.prune());
    }

    public Map<String, PolicyKind> all() {
        return kinds;
    }

    public PolicyKind get(String kind) {
        return kinds.get(kind);
    }

    @Override
    public int rank(String kind) {
        PolicyKind k = kinds.get(kind);
        return k == null ? Integer.MAX_VALUE : k.rank();
    }

    @Override
    public boolean prunes(String kind) {
        PolicyKind k = kinds.get(kind);
        return k != null && k.prunable() && prune.getOrDefault(kind, false);
    }
}
