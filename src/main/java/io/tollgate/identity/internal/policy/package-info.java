/**
 * Identity's kinds of policy object (ADR 0025): organisations, projects and role bindings declared in Git, applied
 * through identity's own services so that they are validated, evented and audited like the same API calls.
 */
package io.tollgate.identity.internal.policy;
