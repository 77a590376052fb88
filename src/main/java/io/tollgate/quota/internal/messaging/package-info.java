/** The quota outbox relay (management), the spend consumer and the projection rebuild (worker). */
package io.tollgate.quota.internal.messaging;
