package io.tollgate.catalog.api;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The key-encryption keys (KEKs) that protect provider credentials (ADR 0010). Needed by the management role
 * (to encrypt) and the gateway role (to decrypt); the worker only copies ciphertext.
 */
@ConfigMapping(prefix = "tollgate.catalog.kek")
public interface CredentialKeys {

    /**
     * The id of the KEK that new credentials are encrypted under, e.g. {@code k2025a}
     * ({@code TOLLGATE_CATALOG_KEK_ACTIVE}). No default in production: the management role refuses to start
     * without it.
     */
    Optional<String> active();

    /**
     * KEK id → base64 of 32 random bytes ({@code openssl rand -base64 32}), e.g.
     * {@code TOLLGATE_CATALOG_KEK_KEYS_K2025A}. Keep a retired key until the rotation
     * ({@code POST /admin/v1/credential-rotations}) has moved every credential to the active one.
     */
    Map<String, String> keys();
}
