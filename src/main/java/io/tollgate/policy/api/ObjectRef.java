package io.tollgate.policy.api;

import java.util.Objects;

/**
 * Names one declared object: its kind ({@code Organization}), the organisation it belongs to (the slug in
 * {@code metadata.namespace}; {@code null} for platform-wide objects) and its {@code metadata.name}, unique per kind
 * and namespace.
 */
public record ObjectRef(String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ObjectRef platformWide(String kind, String name) {
        return new ObjectRef(kind, null, name);
    }

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
