package io.tollgate.metering.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/**
 * Transaction-scoped advisory locks that order a price's arrival against the usage it prices: recording usage
 * takes its model's and deployment's locks shared, adding a price takes its scope's lock exclusively. So a
 * request either sees the new price or is committed before the re-pricing looks for unpriced rows.
 */
final class Locks {

    private Locks() {
    }

    static Uni<Void> sharedOnPriceScopes(SqlClient tx, String model, UUID deploymentId) {
        return tx.preparedQuery("""
                SELECT pg_advisory_xact_lock_shared(hashtextextended('metering:model:' || $1, 0)),
                       pg_advisory_xact_lock_shared(hashtextextended('metering:deployment:' || $2, 0))""")
                .execute(Tuple.of(model, deploymentId == null ? "" : deploymentId.toString())).replaceWithVoid();
    }

    static Uni<Void> exclusiveOnPriceScope(SqlClient tx, String model, UUID deploymentId) {
        String scope = deploymentId == null ? "metering:model:" + model : "metering:deployment:" + deploymentId;
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(scope))
                .replaceWithVoid();
    }

    /** Serialises the spend totals of one org and currency, so that a later event never reports less. */
    static Uni<Void> exclusiveOnSpend(SqlClient tx, UUID orgId, String currency) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('metering:spend:' || $1 || ':' || $2, 0))")
                .execute(Tuple.of(orgId.toString(), currency)).replaceWithVoid();
    }
}
