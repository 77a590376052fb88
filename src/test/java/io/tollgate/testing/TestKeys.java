package io.tollgate.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** A token-signing key pair made for this test run, so that no key lives in the repository. */
public final class TestKeys {

    private static final KeyPair PAIR = generate();

    private TestKeys() {
    }

    public static Map<String, String> config() {
        return Map.of(
                "tollgate.auth.key-id", "test",
                "tollgate.auth.signing-key", Base64.getEncoder().encodeToString(PAIR.getPrivate().getEncoded()),
                "tollgate.auth.public-key", Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
