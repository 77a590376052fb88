package io.tollgate.catalog.api;

/**
 * A provider credential as stored and as carried by the routing snapshot: still encrypted (AES-256-GCM under
 * a data key wrapped by the key-encryption key {@code keyId}; all byte fields base64). Open it with
 * {@link CredentialDecryptor}.
 */
public record EncryptedCredential(String keyId, String wrappedKey, String nonce, String ciphertext) {
}
