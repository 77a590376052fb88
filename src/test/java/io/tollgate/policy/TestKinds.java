package io.tollgate.policy;

import io.tollgate.policy.api.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Two in-memory kinds for the engine's Quarkus tests: {@code Widget} (pruning enabled by the tests' configuration)
 * and {@code Gadget} (prunable, pruning left off), both applied after every real kind.
 */
final class TestKinds {

    private TestKinds() {
    }

    @ApplicationScoped
    static class Widgets extends InMemoryKind {
        Widgets() {
            super("Widget", 1000, Scope.EITHER, true);
        }
    }

    @ApplicationScoped
    static class Gadgets extends InMemoryKind {
        Gadgets() {
            super("Gadget", 1001, Scope.EITHER, true);
        }
    }
}
