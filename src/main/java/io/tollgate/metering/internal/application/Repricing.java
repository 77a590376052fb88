package io.tollgate.metering.internal.application;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.metering.internal.domain.RollupDelta;
import io.tollgate.metering.internal.persistence.PriceProjection;
import io.tollgate.metering.internal.persistence.RollupRepository;
import io.tollgate.metering.internal.persistence.SpendRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Projects a new price version and re-prices the unpriced usage it covers, in the caller's transaction: each
 * re-priced group leaves the unpriced rollup row and joins the priced one (exact deltas, no recount), and the
 * spend totals of every touched org, currency and day are published again.
 */
@ApplicationScoped
public class Repricing {

    private record SpendDay(UUID orgId, String currency, LocalDate day) {
    }

    private static final Comparator<SpendDay> SPEND_ORDER = Comparator.comparing(SpendDay::orgId)
            .thenComparing(SpendDay::currency).thenComparing(SpendDay::day);

    private final PriceProjection prices;
    private final RollupRepository rollups;
    private final SpendRepository spend;
    private final MeteringMetrics metrics;

    public Repricing(PriceProjection prices, RollupRepository rollups, SpendRepository spend, MeteringMetrics metrics) {
        this.prices = prices;
        this.rollups = rollups;
        this.spend = spend;
        this.metrics = metrics;
    }

    public Uni<Void> add(SqlClient tx, PriceAdded price) {
        return prices.add(tx, price).flatMap(added -> added ? prices.reprice(tx, price) : Uni.createFrom().item(List.<RollupDelta>of()))
                .flatMap(priced -> priced.isEmpty() ? Uni.createFrom().voidItem() : move(tx, priced));
    }

    private Uni<Void> move(SqlClient tx, List<RollupDelta> priced) {
        List<RollupDelta> deltas = new ArrayList<>(priced.size() * 2);
        TreeSet<SpendDay> days = new TreeSet<>(SPEND_ORDER);
        for (RollupDelta to : priced) {
            deltas.add(to);
            deltas.add(new RollupDelta(to.orgId(), to.projectId(), to.keyId(), to.model(), to.hour(), null, to.shard(),
                    to.requests(), to.promptTokens(), to.completionTokens(), to.cachedTokens(), to.requests(),
                    BigDecimal.ZERO).negate());
            days.add(new SpendDay(to.orgId(), to.currency(), LocalDate.ofInstant(to.day(), ZoneOffset.UTC)));
        }
        Uni<Void> chain = rollups.apply(tx, deltas);
        for (SpendDay day : days) {
            chain = chain.flatMap(v -> spend.publish(tx, day.orgId(), day.currency(), day.day()));
        }
        return chain.invoke(() -> priced.forEach(to -> metrics.spent(to.orgId(), to.projectId(), to.model(),
                to.currency(), to.cost())));
    }
}
