/** The catalog outbox relay (management), the snapshot projector and the gateway's snapshot refresh. */
package io.tollgate.catalog.internal.messaging;
