package io.tollgate.audit.internal.domain;

import java.util.UUID;

/**
 * The verdict on one chain: how many {@code verifiedEntries} hold before any break, the head's sequence and hash
 * (worth recording outside the database: a chain rewritten from the start would not match it), and the first
 * broken link when it is not {@code intact}.
 */
public record ChainReport(String chain, UUID orgId, long verifiedEntries, long headSequence, String headHash,
        boolean intact, BrokenLink firstBrokenLink) {
}
