/**
 * Quotas: rate limits (requests and tokens per minute, requests in flight) over organisation → project → key,
 * each with per-model limits, and budgets in money per day and month. Definitions live in the
 * {@code tollgate_quota} database (management role); enforcement is one Redis script per request in the gateway
 * role, which reaches this context only through {@link io.tollgate.gateway.api.QuotaGate}. docs/quotas.md, ADR 0019.
 */
package io.tollgate.quota;
