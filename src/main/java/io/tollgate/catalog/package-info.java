/**
 * Catalog: providers (base URL, encrypted credentials, timeouts), models with their deployments, routing,
 * retries, fallbacks and capabilities, and versioned price tables. Owns the {@code tollgate_catalog} database;
 * publishes {@code catalog.*} events. Served by the management role; the worker projects it into Redis as the
 * gateway's routing snapshot (docs/catalog.md).
 */
package io.tollgate.catalog;
