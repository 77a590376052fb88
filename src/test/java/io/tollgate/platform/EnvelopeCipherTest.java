package io.tollgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.platform.crypto.EnvelopeCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SECRET = "sk-very-secret-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = "provider-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void ciphertextDiffersFromPlaintextAndOpensWithItsRow() {
        EnvelopeCipher cipher = EnvelopeCipher.fromBase64("kek", "k1", Map.of("k1", K1));
        var sealed = cipher.seal(SECRET, ROW);
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(sealed.ciphertext()).isNotEqualTo(cipher.seal(SECRET, ROW).ciphertext());
        assertThat(cipher.open(sealed, ROW)).isEqualTo(SECRET);
        assertThatThrownBy(() -> cipher.open(sealed, "provider-2".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("does not open");
    }

    @Test
    void rotationMovesSecretsToTheNewKeyAndTheOldKeyCanThenGo() {
        var sealed = EnvelopeCipher.fromBase64("kek", "k1", Map.of("k1", K1)).seal(SECRET, ROW);
        EnvelopeCipher both = EnvelopeCipher.fromBase64("kek", "k2", Map.of("k1", K1, "k2", K2));
        assertThat(both.isCurrent(sealed)).isFalse();
        assertThat(both.open(sealed, ROW)).isEqualTo(SECRET);
        var rotated = both.reseal(sealed, ROW);
        assertThat(both.isCurrent(rotated)).isTrue();
        EnvelopeCipher onlyNew = EnvelopeCipher.fromBase64("kek", "k2", Map.of("k2", K2));
        assertThat(onlyNew.open(rotated, ROW)).isEqualTo(SECRET);
        assertThatThrownBy(() -> onlyNew.open(sealed, ROW)).hasMessageContaining("'k1' is not configured");
    }

    @Test
    void tamperedDataDoesNotOpen() {
        EnvelopeCipher cipher = EnvelopeCipher.fromBase64("kek", "k1", Map.of("k1", K1));
        var sealed = cipher.seal(SECRET, ROW);
        byte[] flipped = sealed.ciphertext().clone();
        flipped[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(new EnvelopeCipher.Sealed("k1", sealed.wrappedKey(), sealed.nonce(), flipped), ROW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingOrMalformedKeysFailWithTheProperty() {
        assertThatThrownBy(() -> EnvelopeCipher.fromBase64("tollgate.catalog.kek", null, Map.of()))
                .hasMessageContaining("tollgate.catalog.kek.active is not set");
        assertThatThrownBy(() -> EnvelopeCipher.fromBase64("tollgate.catalog.kek", "k9", Map.of("k1", K1)))
                .hasMessageContaining("tollgate.catalog.kek.keys.k9 is not set");
        assertThatThrownBy(() -> EnvelopeCipher.fromBase64("tollgate.catalog.kek", "k1", Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("exactly 32 bytes");
        assertThatThrownBy(() -> EnvelopeCipher.fromBase64("tollgate.catalog.kek", "k1", Map.of("k1", "%%%")))
                .hasMessageContaining("not base64");
    }
}
