package io.tollgate.policy.internal.application;

import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.internal.domain.KindRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link PolicyKind} the contexts provide, by kind name, with the pruning configured for each. */
@ApplicationScoped
public class PolicyKinds implements KindRules {

    private final Map<String, PolicyKind> kinds = new TreeMap<>();
    private final Map<String, Boolean> prune;

    @Inject
    public PolicyKinds(Instance<PolicyKind> beans, GitOpsConfig config) {
        this(beans, config.prune());
    }

    private PolicyKinds(Iterable<PolicyKind> beans, Map<String, Boolean> prune) {
        for (PolicyKind kind : beans) {
            String name = kind.traits().kind();
            PolicyKind earlier = kinds.put(name, kind);
            if (earlier != null) {
                throw new IllegalStateException("Two beans declare policy kind " + name + ": "
                        + earlier.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.prune = Map.copyOf(prune);
    }

    /** Kinds given explicitly rather than discovered, e.g. a test's own; {@code prune} as {@code tollgate.gitops.prune}. */
    public static PolicyKinds of(List<PolicyKind> kinds, Map<String, Boolean> prune) {
        return new PolicyKinds(kinds, prune);
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
        return k == null ? Integer.MAX_VALUE : k.traits().rank();
    }

    @Override
    public boolean prunes(String kind) {
        PolicyKind k = kinds.get(kind);
        return k != null && k.traits().prunable() && prune.getOrDefault(kind, false);
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject object) {
        PolicyKind k = kinds.get(object.ref().kind());
        return k == null ? List.of() : k.dependencies(object);
    }
}
