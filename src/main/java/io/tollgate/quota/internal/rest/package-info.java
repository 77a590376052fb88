/** {@code /admin/v1/orgs/{orgId}/…/limits}, {@code …/budgets} and {@code …/consumption}. */
package io.tollgate.quota.internal.rest;
