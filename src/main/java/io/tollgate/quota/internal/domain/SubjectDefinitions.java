package io.tollgate.quota.internal.domain;

/** The definitions one request is checked against; each null when none is set. */
public record SubjectDefinitions(ProjectedLimits org, ProjectedLimits project, ProjectedLimits key,
        ProjectedBudget budget) {

    public static final SubjectDefinitions NONE = new SubjectDefinitions(null, null, null, null);
}
