/** The gateway side: the Redis scripts behind {@link io.tollgate.gateway.api.QuotaGate}, the definitions' near cache and the local limiter of degraded mode. No database. */
package io.tollgate.quota.internal.enforcement;
