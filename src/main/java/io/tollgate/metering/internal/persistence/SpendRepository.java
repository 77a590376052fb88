package io.tollgate.metering.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.platform.Ids;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The spend feed: after a ledger change, an org's day and month totals in a currency are read from the daily
 * rollup and written to the outbox as {@link SpendUpdated}, in the change's transaction.
 */
@ApplicationScoped
public class SpendRepository {

    private static final Actor METERING = Actor.system("metering");

    private static final String DAY_AND_MONTH = """
            SELECT coalesce(sum(cost) FILTER (WHERE bucket = $3), 0) AS day_total,
                   coalesce(sum(cost), 0) AS month_total, clock_timestamp() AS as_of
              FROM usage_daily
             WHERE %s AND org_id = $1 AND currency = $2 AND bucket >= $4 AND bucket < $5"""
            .formatted(RollupRepository.EVERY_SHARD);

    private final Outbox outbox;

    public SpendRepository(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Publishes the totals of {@code day} and its month. The lock makes the totals of concurrent transactions
     * of one org and currency cumulative: the later one waits, then reads the earlier one's committed rows and
     * stamps a later {@code asOf}.
     */
    public Uni<Void> publish(SqlClient tx, UUID orgId, String currency, LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return Locks.exclusiveOnSpend(tx, orgId, currency)
                .flatMap(locked -> tx.preparedQuery(DAY_AND_MONTH)
                        .execute(Tuple.of(orgId, currency, day.atStartOfDay().atOffset(ZoneOffset.UTC),
                                month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                                month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    return outbox.append(tx, new SpendUpdated(Ids.newId(), orgId, currency, day,
                            text(row.getBigDecimal("day_total")), month, text(row.getBigDecimal("month_total")),
                            row.getOffsetDateTime("as_of").toInstant()), METERING);
                });
    }

    private static String text(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
