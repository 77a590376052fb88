package io.tollgate.audit.internal.domain;

import io.tollgate.audit.internal.domain.BrokenLink.Problem;
import java.util.UUID;

/**
 * Walks one chain's entries in sequence order and stops at the first link that does not hold; then compares the
 * last entry with the chain's head, which catches entries removed from the end. Not thread-safe: one per walk.
 */
public final class ChainVerification {

    private final ChainHead head;
    private final UUID orgId;
    private long entries;
    private long lastSeq;
    private String lastHash = AuditChain.GENESIS;
    private BrokenLink broken;

    public ChainVerification(ChainHead head) {
        this.head = head;
        this.orgId = AuditChain.PLATFORM.equals(head.chain()) ? null : UUID.fromString(head.chain());
    }

    /** Checks the next entry; false once a link is broken (further entries prove nothing). */
    public boolean accept(RecordedEntry entry) {
        if (broken != null) {
            return false;
        }
        String expected = AuditChain.linkHash(lastHash, entry);
        if (entry.seq() != lastSeq + 1) {
            broken = new BrokenLink(orgId, lastSeq + 1, entry.eventId(), Problem.SEQUENCE_GAP, expected, entry.hash());
        } else if (!expected.equals(entry.hash())) {
            broken = new BrokenLink(orgId, entry.seq(), entry.eventId(), Problem.HASH_MISMATCH, expected, entry.hash());
        } else {
            entries++;
            lastSeq = entry.seq();
            lastHash = entry.hash();
        }
        return broken == null;
    }

    public ChainReport finish() {
        if (broken == null && (head.seq() != lastSeq || !head.hash().equals(lastHash))) {
            broken = new BrokenLink(orgId, lastSeq + 1, null, Problem.HEAD_MISMATCH, head.hash(), lastHash);
        }
        return new ChainReport(head.chain(), orgId, entries, head.seq(), head.hash(), broken == null, broken);
    }
}
