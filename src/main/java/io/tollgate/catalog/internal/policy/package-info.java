/**
 * The catalog's kinds of policy object (ADR 0025): providers, models and prices declared in Git, applied through
 * the catalog's own services as the platform (superadmin access), so that they are validated, evented and audited
 * like the same API calls. Documents name organisations, providers and models by name; the kinds resolve them.
 */
package io.tollgate.catalog.internal.policy;
