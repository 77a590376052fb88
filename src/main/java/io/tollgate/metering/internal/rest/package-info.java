/** {@code /admin/v1/orgs/{orgId}/usage}: usage totals, groups, CSV export and per-request lookup. */
package io.tollgate.metering.internal.rest;
