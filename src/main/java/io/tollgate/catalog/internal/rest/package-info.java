/** {@code /admin/v1/providers} and {@code /admin/v1/models}, with their programmatic, per-object permission checks. */
package io.tollgate.catalog.internal.rest;
