package io.tollgate.audit.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditChain;
import io.tollgate.audit.internal.domain.ChainHead;
import io.tollgate.audit.internal.domain.ChainReport;
import io.tollgate.audit.internal.domain.ChainVerification;
import io.tollgate.audit.internal.persistence.AuditEntryRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Recomputes every link of the audit chains from the stored rows, one chain after another and a bounded batch
 * of rows at a time, and reports per chain the first link that does not hold.
 */
@ApplicationScoped
public class AuditVerifier {

    static final int BATCH = 1000;

    private final Pool audit;
    private final AuditEntryRepository entries;

    public AuditVerifier(@ReactiveDataSource("audit") Pool audit, AuditEntryRepository entries) {
        this.audit = audit;
        this.entries = entries;
    }

    /** Every chain, or only the organisation's when {@code orgId} is given. */
    public Uni<List<ChainReport>> verify(UUID orgId) {
        return entries.heads(audit, orgId == null ? null : AuditChain.chainOf(orgId))
                .onItem().transformToMulti(heads -> Multi.createFrom().iterable(heads))
                .onItem().transformToUniAndConcatenate(this::verifyChain)
                .collect().asList();
    }

    private Uni<ChainReport> verifyChain(ChainHead head) {
        return walk(new ChainVerification(head), head.chain(), 0);
    }

    private Uni<ChainReport> walk(ChainVerification verification, String chain, long afterSeq) {
        return entries.links(audit, chain, afterSeq, BATCH).flatMap(batch -> {
            for (var entry : batch) {
                if (!verification.accept(entry)) {
                    return Uni.createFrom().item(verification.finish());
                }
            }
            return batch.size() < BATCH ? Uni.createFrom().item(verification.finish())
                    : walk(verification, chain, batch.get(batch.size() - 1).seq());
        });
    }
}
