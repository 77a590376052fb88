package io.tollgate.platform.roles;

/**
 * Build-time switches that decide which runtime role's code a build contains (ADR 0002).
 *
 * <p>Each is a build property, {@code true} unless a role profile turns it off: {@code -Dquarkus.profile=gateway}
 * builds a jar holding only gateway code. Classes opt in with
 * {@code @IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)}; the
 * architecture test requires every REST resource and message consumer to carry one.
 */
public final class Roles {

    /** The {@code /v1} hot path. */
    public static final String GATEWAY = "tollgate.role.gateway";
    /** The {@code /admin/v1} API and the outboxes of the contexts it writes. */
    public static final String MANAGEMENT = "tollgate.role.management";
    /** Message consumers, projections and scheduled jobs. */
    public static final String WORKER = "tollgate.role.worker";

    private Roles() {
    }
}
