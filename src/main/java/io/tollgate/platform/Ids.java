package io.tollgate.platform;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Identifiers: time-ordered UUIDs (version 7), so that new rows land at the end of their primary-key index. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        return newId(Instant.now());
    }

    static UUID newId(Instant at) {
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFF);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
