/**
 * What the policy context offers other contexts: the port through which a context lets Git declare its objects
 * ({@link io.tollgate.policy.api.PolicyKind}, ADR 0024). Contexts implement it; policy imports none of them, so the
 * dependency points from the owning contexts to policy and the contexts stay acyclic.
 */
package io.tollgate.policy.api;
