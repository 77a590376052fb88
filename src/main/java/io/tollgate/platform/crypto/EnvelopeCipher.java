package io.tollgate.platform.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM: each secret is encrypted under its own random data key, and the data
 * key is wrapped (also AES-256-GCM) under a key-encryption key (KEK) named by id. The id travels with the
 * sealed secret, so KEKs can be rotated: secrets sealed under an older KEK open as long as that KEK is still
 * configured, and {@link #reseal} moves them to the active one. The caller's associated data (e.g. the owning
 * row's id) is authenticated, so a sealed secret copied to another row does not open.
 */
public final class EnvelopeCipher {

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed secret: the KEK id, the wrapped data key (nonce + ciphertext), the nonce and the ciphertext. */
    public record Sealed(String keyId, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {
    }

    private final String activeKeyId;
    private final Map<String, SecretKey> keks;

    private EnvelopeCipher(String activeKeyId, Map<String, SecretKey> keks) {
        this.activeKeyId = activeKeyId;
        this.keks = keks;
    }

    /**
     * Builds the cipher from configuration: {@code keys} maps KEK ids to base64 of 32 random bytes, and
     * {@code activeKeyId} names the one new secrets are sealed under. Fails with a message naming
     * {@code property} (the configuration prefix) when a key is missing or malformed.
     */
    public static EnvelopeCipher fromBase64(String property, String activeKeyId, Map<String, String> keys) {
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException(property + ".active is not set: name the key-encryption key to use, and give it as "
                    + property + ".keys.<id> (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        Map<String, SecretKey> keks = new TreeMap<>();
        keys.forEach((id, base64) -> keks.put(id, decodeKey(property + ".keys." + id, base64)));
        if (!keks.containsKey(activeKeyId)) {
            throw new IllegalStateException(property + ".keys." + activeKeyId + " is not set, but " + property
                    + ".active names it: give it as base64 of 32 random bytes");
        }
        return new EnvelopeCipher(activeKeyId, Map.copyOf(keks));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            SecretKey dataKey = generator.generateKey();
            byte[] nonce = nonce();
            byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, dataKey, nonce, associatedData, plaintext);
            byte[] keyNonce = nonce();
            byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, keks.get(activeKeyId), keyNonce, activeKeyId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    dataKey.getEncoded());
            return new Sealed(activeKeyId, concat(keyNonce, wrapped), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Opens a sealed secret; fails when its KEK is not configured or anything was tampered with. */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        SecretKey kek = keks.get(sealed.keyId());
        if (kek == null) {
            throw new IllegalStateException("Key-encryption key '" + sealed.keyId() + "' is not configured");
        }
        try {
            byte[] wrapped = sealed.wrappedKey();
            byte[] keyNonce = java.util.Arrays.copyOf(wrapped, NONCE_BYTES);
            byte[] keyCiphertext = java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length);
            byte[] dataKey = crypt(Cipher.DECRYPT_MODE, kek, keyNonce, sealed.keyId().getBytes(java.nio.charset.StandardCharsets.UTF_8), keyCiphertext);
            return crypt(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), sealed.nonce(), associatedData,
                    sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealed secret does not open: wrong key or tampered data");
        }
    }

    /** Whether {@code sealed} is already under the active KEK. */
    public boolean isCurrent(Sealed sealed) {
        return activeKeyId.equals(sealed.keyId());
    }

    /** Opens and seals again under the active KEK with a fresh data key (the rotation step). */
    public Sealed reseal(Sealed sealed, byte[] associatedData) {
        return seal(open(sealed, associatedData), associatedData);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] associatedData, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        if (associatedData != null) {
            cipher.updateAAD(associatedData);
        }
        return cipher.doFinal(input);
    }

    private static SecretKey decodeKey(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be base64 of exactly 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
