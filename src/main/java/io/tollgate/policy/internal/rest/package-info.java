/** {@code /admin/v1/gitops}: status, drift, dry-run plans and sync requests (management role, superadmin only). */
package io.tollgate.policy.internal.rest;
