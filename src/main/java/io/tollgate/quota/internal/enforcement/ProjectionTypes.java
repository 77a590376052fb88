package io.tollgate.quota.internal.enforcement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.quota.internal.domain.Limit;
import io.tollgate.quota.internal.domain.Limits;
import io.tollgate.quota.internal.domain.ProjectedBudget;
import io.tollgate.quota.internal.domain.ProjectedLimits;

/**
 * Registers the definitions Jackson writes to and reads from Redis outside JAX-RS, for the native image; the
 * domain records themselves carry no framework annotation.
 */
@RegisterForReflection(targets = {ProjectedLimits.class, ProjectedBudget.class, Limits.class, Limit.class})
final class ProjectionTypes {

    private ProjectionTypes() {
    }
}
