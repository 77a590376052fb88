/**
 * Identity: organisations, projects, users, memberships and roles, login and token issuing. Owns the
 * {@code tollgate_identity} database; publishes {@code identity.*} events. Served by the management role.
 */
package io.tollgate.identity;
