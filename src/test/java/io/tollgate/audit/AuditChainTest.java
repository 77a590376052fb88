package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.internal.domain.AuditChain;
import io.tollgate.audit.internal.domain.BrokenLink.Problem;
import io.tollgate.audit.internal.domain.ChainHead;
import io.tollgate.audit.internal.domain.ChainReport;
import io.tollgate.audit.internal.domain.ChainVerification;
import io.tollgate.audit.internal.domain.RecordedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The link rule and the walk over a chain, without a database. */
class AuditChainTest {

    private static final UUID ORG = UUID.fromString("0199aaaa-0000-7000-8000-0000000000aa");

    @Test
    void linkHashIsTheDocumentedNetstringDigest() {
        var entry = new RecordedEntry(UUID.fromString("0199aaaa-0000-7000-8000-000000000001"), "platform", 1, "e1",
                "identity.user-created.v1", "/tollgate/identity", null, null, Instant.parse("2026-01-02T03:04:05.000006Z"),
                Instant.parse("2026-01-02T03:04:05.5Z"), "root", null, null, "{\"name\": \"Zoë\"}", null);
        // The example in docs/audit.md: recompute it with any SHA-256 tool.
        String canonical = "8:platform,1:1,36:0199aaaa-0000-7000-8000-000000000001,2:e1,24:identity.user-created.v1,"
                + "18:/tollgate/identity,~,~,27:2026-01-02T03:04:05.000006Z,27:2026-01-02T03:04:05.500000Z,4:root,~,~,"
                + "16:{\"name\": \"Zoë\"},";
        assertThat(io.tollgate.platform.Hashes.sha256Hex(AuditChain.GENESIS + canonical))
                .isEqualTo(AuditChain.linkHash(AuditChain.GENESIS, entry))
                .isEqualTo("80ea34f1c0a2ad911af094b77eb97ae6a6fa66a6cdbab0b1170500d52ad94877");
    }

    @Test
    void aSoundChainVerifiesUpToItsHead() {
        List<RecordedEntry> chain = chain(4);
        ChainReport report = walk(chain, head(chain));
        assertThat(report.intact()).isTrue();
        assertThat(report.verifiedEntries()).isEqualTo(4);
        assertThat(report.firstBrokenLink()).isNull();
    }

    @Test
    void alteredDataBreaksExactlyItsOwnLink() {
        List<RecordedEntry> chain = chain(5);
        ChainHead head = head(chain);
        RecordedEntry third = chain.get(2);
        chain.set(2, copy(third, "{\"n\": 999}", third.hash(), third.seq()));
        ChainReport report = walk(chain, head);
        assertThat(report.intact()).isFalse();
        assertThat(report.verifiedEntries()).isEqualTo(2);
        assertThat(report.firstBrokenLink().sequence()).isEqualTo(3);
        assertThat(report.firstBrokenLink().eventId()).isEqualTo(third.eventId());
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(report.firstBrokenLink().actualHash()).isEqualTo(third.hash());
        assertThat(report.firstBrokenLink().expectedHash()).isNotEqualTo(third.hash());
    }

    @Test
    void aRemovedEntryIsAGapAndARemovedTailIsAHeadMismatch() {
        List<RecordedEntry> chain = chain(4);
        ChainHead head = head(chain);
        List<RecordedEntry> gap = new ArrayList<>(chain);
        gap.remove(1);
        ChainReport gapReport = walk(gap, head);
        assertThat(gapReport.firstBrokenLink().problem()).isEqualTo(Problem.SEQUENCE_GAP);
        assertThat(gapReport.firstBrokenLink().sequence()).isEqualTo(2);

        ChainReport tailReport = walk(chain.subList(0, 3), head);
        assertThat(tailReport.firstBrokenLink().problem()).isEqualTo(Problem.HEAD_MISMATCH);
        assertThat(tailReport.firstBrokenLink().sequence()).isEqualTo(4);
        assertThat(tailReport.verifiedEntries()).isEqualTo(3);
    }

    private static ChainReport walk(List<RecordedEntry> entries, ChainHead head) {
        ChainVerification verification = new ChainVerification(head);
        for (RecordedEntry entry : entries) {
            if (!verification.accept(entry)) {
                break;
            }
        }
        return verification.finish();
    }

    private static ChainHead head(List<RecordedEntry> chain) {
        RecordedEntry last = chain.get(chain.size() - 1);
        return new ChainHead(ORG.toString(), last.seq(), last.hash());
    }

    private static List<RecordedEntry> chain(int length) {
        List<RecordedEntry> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            var unsealed = new RecordedEntry(UUID.randomUUID(), ORG.toString(), seq, "event-" + seq, "keys.key-issued.v1",
                    "/tollgate/keys", "key-" + seq, ORG, Instant.now(), Instant.now(), "user-1", "req-" + seq, "10.0.0.1",
                    "{\"n\": " + seq + "}", null);
            previous = AuditChain.linkHash(previous, unsealed);
            chain.add(copy(unsealed, unsealed.data(), previous, seq));
        }
        return chain;
    }

    private static RecordedEntry copy(RecordedEntry e, String data, String hash, long seq) {
        return new RecordedEntry(e.id(), e.chain(), seq, e.eventId(), e.eventType(), e.source(), e.subject(), e.orgId(),
                e.occurredAt(), e.recordedAt(), e.actor(), e.requestId(), e.sourceIp(), data, hash);
    }
}
