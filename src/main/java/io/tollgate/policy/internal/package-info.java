/**
 * The GitOps engine (ADR 0024): loads and validates policy documents, plans them against the platform's state as the
 * owning contexts' {@link io.tollgate.policy.api.PolicyKind} beans observe it, applies the plan one reconciler at a
 * time, and detects and restores drift.
 */
package io.tollgate.policy.internal;
