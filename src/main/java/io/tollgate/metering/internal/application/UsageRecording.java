package io.tollgate.metering.internal.application;

import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.metering.internal.domain.RollupDelta;
import io.tollgate.metering.internal.persistence.LedgerRepository;
import io.tollgate.metering.internal.persistence.LedgerRepository.Priced;
import io.tollgate.metering.internal.persistence.RollupRepository;
import io.tollgate.metering.internal.persistence.SpendRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records one usage event, in the caller's transaction: the ledger row priced at the version in effect, its
 * hourly and daily rollups, and (when it has a cost) the org's new spend totals in the outbox.
 */
@ApplicationScoped
public class UsageRecording {

    private final LedgerRepository ledger;
    private final RollupRepository rollups;
    private final SpendRepository spend;
    private final MeteringMetrics metrics;

    public UsageRecording(LedgerRepository ledger, RollupRepository rollups, SpendRepository spend,
            MeteringMetrics metrics) {
        this.ledger = ledger;
        this.rollups = rollups;
        this.spend = spend;
        this.metrics = metrics;
    }

    public Uni<Void> record(SqlClient tx, UsageRecorded usage) {
        return ledger.record(tx, usage).flatMap(recorded -> recorded
                .map(priced -> rollups.apply(tx, List.of(delta(usage, priced)))
                        .flatMap(applied -> priced.unpriced() ? Uni.createFrom().voidItem()
                                : spend.publish(tx, usage.orgId(), priced.currency(),
                                        LocalDate.ofInstant(usage.startedAt(), ZoneOffset.UTC)))
                        .invoke(() -> count(usage, priced)))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private void count(UsageRecorded usage, Priced priced) {
        if (priced.unpriced()) {
            metrics.unpriced(usage.model());
        } else {
            metrics.spent(usage.orgId(), usage.projectId(), usage.model(), priced.currency(), priced.cost());
        }
    }

    private static RollupDelta delta(UsageRecorded usage, Priced priced) {
        UsageRecorded.Tokens tokens = usage.tokens() == null ? UsageRecorded.Tokens.NONE : usage.tokens();
        return new RollupDelta(usage.orgId(), usage.projectId(), usage.keyId(), usage.model(), usage.startedAt(),
                priced.currency(), RollupDelta.shardOf(usage.usageId()), 1, tokens.prompt(), tokens.completion(),
                tokens.cachedPrompt(), priced.unpriced() ? 1 : 0, priced.unpriced() ? BigDecimal.ZERO : priced.cost());
    }
}
