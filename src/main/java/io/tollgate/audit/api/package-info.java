/**
 * What other contexts may use of audit. Nothing: contexts send audit their events over RabbitMQ and never call
 * it; people read the trail over REST ({@code /admin/v1/orgs/{orgId}/audit}, {@code /admin/v1/audit/verify}).
 */
package io.tollgate.audit.api;
