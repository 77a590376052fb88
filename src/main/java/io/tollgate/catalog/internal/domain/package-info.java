/** Catalog rules as plain Java: validated drafts of providers, models and prices, price history, access and seeding. */
package io.tollgate.catalog.internal.domain;
