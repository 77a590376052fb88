package io.tollgate.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Names no earlier run has used: tests share databases that outlive them. */
public final class Unique {

    private Unique() {
    }

    public static String slug(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }
}
