package io.tollgate.platform.web;

/**
 * Who did something and from where, as recorded with every change in the audit trail: the principal's name
 * (a user id, {@code key:<id>} for an API key, or {@code system}), the request id and the caller's address.
 */
public record Actor(String principal, String requestId, String sourceIp) {

    /** Changes Tollgate makes by itself (bootstrap, seeding, reconciliation). */
    public static Actor system(String what) {
        return new Actor("system:" + what, null, null);
    }
}
