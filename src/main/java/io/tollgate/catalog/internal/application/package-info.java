/** Catalog services: transactions with their outbox events, credential sealing, the SSRF check, the snapshot projection and seeding. */
package io.tollgate.catalog.internal.application;
