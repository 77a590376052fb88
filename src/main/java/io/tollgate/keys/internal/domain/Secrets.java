package io.tollgate.keys.internal.domain;

import io.tollgate.platform.Hashes;
import java.security.SecureRandom;

/**
 * API key secrets: {@code tgk_} followed by 256 random bits in base62 (43 characters). Only the SHA-256 is
 * stored; the first characters are kept as a display prefix so that people can tell their keys apart.
 */
public final class Secrets {

    public static final String PREFIX = "tgk_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 43; // 62^43 > 2^256
    private static final int DISPLAY = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret() {
        StringBuilder secret = new StringBuilder(PREFIX.length() + LENGTH).append(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            secret.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return secret.toString();
    }

    /** Whether {@code candidate} has the shape of a Tollgate key (cheap check before any lookup). */
    public static boolean looksLikeKey(String candidate) {
        if (candidate == null || candidate.length() != PREFIX.length() + LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < candidate.length(); i++) {
            if (BASE62.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public static String sha256Hex(String secret) {
        return Hashes.sha256Hex(secret);
    }

    /** What people see of a key after its creation: {@code tgk_AbC123…}. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, DISPLAY) + "…";
    }
}
