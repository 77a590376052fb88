package io.tollgate.policy.internal.domain;

import io.tollgate.platform.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret shared with a Git host's webhook, and the two ways a delivery proves it knows it. Both compare in
 * constant time ({@link MessageDigest#isEqual}) values of a fixed length, so timing reveals nothing of the secret.
 */
public final class WebhookSecret {

    private static final String HMAC = "HmacSHA256";
    private static final String SIGNATURE_PREFIX = "sha256=";

    private final byte[] secret;
    private final byte[] secretDigest;

    public WebhookSecret(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.secretDigest = digest(secret);
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body under the secret>}. */
    public boolean signed(String signature, byte[] body) {
        if (!signature.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.substring(SIGNATURE_PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), presented);
    }

    /** GitLab: {@code X-Gitlab-Token: <the secret>}, compared as SHA-256 digests so that its length stays hidden. */
    public boolean matches(String token) {
        return MessageDigest.isEqual(digest(token), secretDigest);
    }

    private static byte[] digest(String value) {
        return Hashes.sha256Hex(value).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[***]";
    }
}
