/** The policy database, {@code tollgate_policy}: inventory, sync runs, drift, the reconciler's lease, the outbox. */
package io.tollgate.policy.internal.persistence;
