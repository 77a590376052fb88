/**
 * Quota's kinds of policy object (ADR 0025): rate limits of organisations and projects, and organisations' budgets,
 * declared in Git and set through quota's own service, so that they are validated, evented, audited and projected
 * into Redis like the same API calls. Key-level limits are runtime (keys are not in Git) and stay the API's.
 */
package io.tollgate.quota.internal.policy;
