package io.tollgate.audit.internal.domain;

import java.util.UUID;

/**
 * The first link of a chain that does not hold: at which {@code sequence} (and the entry found there, if any),
 * which {@code problem}, and the hash the rule expects against the one stored.
 */
public record BrokenLink(UUID orgId, long sequence, String eventId, Problem problem, String expectedHash,
        String actualHash) {

    public enum Problem {
        /** The entry's stored hash is not the hash of its content over the previous link: it was altered. */
        HASH_MISMATCH,
        /** The entry at this position is missing: the next one found has a later sequence number. */
        SEQUENCE_GAP,
        /** The chain's head records a later or other last link than the last entry found: entries were removed. */
        HEAD_MISMATCH
    }
}
