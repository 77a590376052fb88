/** The worker's metering consumers (ledger and prices) and the metering outbox relay. */
package io.tollgate.metering.internal.messaging;
