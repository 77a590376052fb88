package io.tollgate.quota.internal.policy;

import io.tollgate.policy.api.ObjectRef;

/** How quota's documents are named: after their organisation (name = namespace), or after one of its projects. */
final class QuotaRefs {

    static final String ORGANIZATION = "Organization";

    private QuotaRefs() {
    }

    static boolean namesOrganisation(ObjectRef ref) {
        return ref.name().equals(ref.namespace());
    }
}
