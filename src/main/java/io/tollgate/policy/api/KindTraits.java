package io.tollgate.policy.api;

/**
 * What the engine needs to know about a {@link PolicyKind} before touching any object of it.
 *
 * @param kind the document kind, e.g. {@code Organization}; its JSON Schema is {@code policy/schemas/<kind>.json}
 * @param rank applied in ascending rank (an Organization before its Projects), deleted in descending rank
 * @param scope whether its documents name an organisation in {@code metadata.namespace}
 * @param prunable whether an object can be deleted from the platform when its document is deleted from Git
 */
public record KindTraits(String kind, int rank, Scope scope, boolean prunable) {
}
