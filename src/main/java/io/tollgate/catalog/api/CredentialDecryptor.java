package io.tollgate.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.platform.crypto.EnvelopeCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Opens the encrypted provider credentials of the routing snapshot with the configured KEKs
 * ({@link CredentialKeys}); the gateway calls it right before calling a provider and keeps the result only
 * as long as it needs it. The provider id is authenticated with the ciphertext: a credential moved to another
 * provider does not open.
 */
@ApplicationScoped
public class CredentialDecryptor {

    /** The configuration prefix, named in the start-up failure when a key is missing. */
    public static final String PROPERTY = "tollgate.catalog.kek";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvelopeCipher cipher;

    public CredentialDecryptor(CredentialKeys keys) {
        this.cipher = cipherOf(keys);
    }

    public Credential decrypt(UUID providerId, EncryptedCredential credential) {
        byte[] plain = cipher.open(sealed(credential), associatedData(providerId));
        try {
            return JSON.readValue(plain, Credential.class);
        } catch (IOException e) {
            throw new IllegalStateException("Credential of provider " + providerId + " is not readable");
        }
    }

    /** The cipher for these keys; fails with a message naming the missing or malformed property. */
    public static EnvelopeCipher cipherOf(CredentialKeys keys) {
        return EnvelopeCipher.fromBase64(PROPERTY, keys.active().orElse(null), keys.keys());
    }

    public static byte[] associatedData(UUID providerId) {
        return providerId.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static EnvelopeCipher.Sealed sealed(EncryptedCredential credential) {
        Base64.Decoder base64 = Base64.getDecoder();
        return new EnvelopeCipher.Sealed(credential.keyId(), base64.decode(credential.wrappedKey()),
                base64.decode(credential.nonce()), base64.decode(credential.ciphertext()));
    }

    public static EncryptedCredential encrypted(EnvelopeCipher.Sealed sealed) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedCredential(sealed.keyId(), base64.encodeToString(sealed.wrappedKey()),
                base64.encodeToString(sealed.nonce()), base64.encodeToString(sealed.ciphertext()));
    }
}
