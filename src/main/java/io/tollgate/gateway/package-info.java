/**
 * The gateway: the OpenAI-compatible {@code /v1} API on the hot path. No database: keys come from the Redis
 * key index (behind a near cache), routes from the catalog's routing snapshot. Served by the gateway role.
 */
package io.tollgate.gateway;
