package io.tollgate.metering.internal.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A change to one rollup row: the hour (and so the day) of the requests, their org, project, key, model and
 * currency (null while unpriced), the shard they fall into, and the amounts to add (negative to take away).
 * Deltas are applied in {@link #ORDER}, so that two transactions lock the rows they share in the same order.
 */
public record RollupDelta(UUID orgId, UUID projectId, UUID keyId, String model, Instant hour, String currency,
        int shard, long requests, long promptTokens, long completionTokens, long cachedTokens, long unpricedRequests,
        BigDecimal cost) {

    /** Rows per rollup key: enough for a handful of concurrent consumers to rarely meet on one row. */
    public static final int SHARDS = 8;

    public static final Comparator<RollupDelta> ORDER = Comparator
            .comparing(RollupDelta::orgId)
            .thenComparing(RollupDelta::hour)
            .thenComparing(RollupDelta::projectId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RollupDelta::keyId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RollupDelta::model)
            .thenComparing(RollupDelta::currency, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(RollupDelta::shard);

    public RollupDelta {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cost, "cost");
        hour = hour.truncatedTo(ChronoUnit.HOURS);
    }

    /** The shard of a request: the last byte of its usage id (random in a UUIDv7), as SQL computes it too. */
    public static int shardOf(UUID usageId) {
        return (int) (usageId.getLeastSignificantBits() & 0xff) % SHARDS;
    }

    /** The UTC day of {@link #hour}, the daily rollup's bucket. */
    public Instant day() {
        return hour.truncatedTo(ChronoUnit.DAYS);
    }

    /** The same requests moved out of where they were counted. */
    public RollupDelta negate() {
        return new RollupDelta(orgId, projectId, keyId, model, hour, currency, shard, -requests, -promptTokens,
                -completionTokens, -cachedTokens, -unpricedRequests, cost.negate());
    }
}
