/**
 * API keys: issue (the secret shown once), SHA-256 storage, scopes, expiry, rotation with a grace period,
 * revocation; the key index in Redis that the gateway authenticates against; API-key authentication of the
 * management API. Owns the {@code tollgate_keys} database.
 */
package io.tollgate.keys;
