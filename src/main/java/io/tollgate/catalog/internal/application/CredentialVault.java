package io.tollgate.catalog.internal.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.catalog.api.Credential;
import io.tollgate.catalog.api.CredentialDecryptor;
import io.tollgate.catalog.api.CredentialKeys;
import io.tollgate.catalog.api.EncryptedCredential;
import io.tollgate.catalog.internal.domain.ProviderSecret;
import io.tollgate.catalog.internal.domain.StoredCredential;
import io.tollgate.platform.crypto.EnvelopeCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Encrypts provider credentials for storage and re-encrypts them under the active key (ADR 0010). */
@ApplicationScoped
public class CredentialVault {

    private final EnvelopeCipher cipher;
    private final ObjectMapper json;

    public CredentialVault(CredentialKeys keys, ObjectMapper json) {
        this.cipher = CredentialDecryptor.cipherOf(keys);
        this.json = json;
    }

    public String activeKeyId() {
        return cipher.activeKeyId();
    }

    /** The secret encrypted for provider {@code providerId}; null when there is nothing to store. */
    public StoredCredential seal(UUID providerId, ProviderSecret secret) {
        if (secret == null || (secret.apiKey() == null && secret.headers().isEmpty())) {
            return null;
        }
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(new Credential(secret.apiKey(), secret.headers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Credential could not be serialised");
        }
        EnvelopeCipher.Sealed sealed = cipher.seal(plain, CredentialDecryptor.associatedData(providerId));
        java.util.Arrays.fill(plain, (byte) 0);
        return new StoredCredential(CredentialDecryptor.encrypted(sealed), secret.last4(), secret.headerNames());
    }

    public EncryptedCredential reencrypt(UUID providerId, EncryptedCredential credential) {
        return CredentialDecryptor.encrypted(
                cipher.reseal(CredentialDecryptor.sealed(credential), CredentialDecryptor.associatedData(providerId)));
    }
}
