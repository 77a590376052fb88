package io.tollgate.policy.api;

/** Whether documents of a kind name an organisation in {@code metadata.namespace}. */
public enum Scope {
    /** Never: the object is platform-wide (an Organization). */
    PLATFORM,
    /** Always: the object lives in one organisation (a Project, a Budget). */
    ORGANISATION,
    /** Either: platform-wide without a namespace, owned by the organisation with one (a Provider, a Model). */
    EITHER
}
