/** The worker's side: the scheduled reconcile and the policy outbox relay. */
package io.tollgate.policy.internal.messaging;
