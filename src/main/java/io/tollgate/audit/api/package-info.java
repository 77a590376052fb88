/**
 * What other contexts may use of audit. Nothing yet: contexts send audit their events over RabbitMQ and never
 * call it; the audit query API arrives with the metering-and-audit work.
 */
package io.tollgate.audit.api;
