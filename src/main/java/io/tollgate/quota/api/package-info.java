/** What other contexts may use of quotas: the enforcement API the gateway calls, and quota's events. */
package io.tollgate.quota.api;
