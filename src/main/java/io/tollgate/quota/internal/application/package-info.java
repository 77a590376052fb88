/** Quota services: definition changes with their outbox events, their projection into Redis, consumption reads, and the settings. */
package io.tollgate.quota.internal.application;
