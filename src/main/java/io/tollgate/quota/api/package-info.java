/** What other contexts may use of quotas: its events. (Its enforcement implements the gateway's port, {@code gateway.api.QuotaGate}.) */
package io.tollgate.quota.api;
