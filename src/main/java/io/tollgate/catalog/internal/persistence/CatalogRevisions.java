package io.tollgate.catalog.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The catalog's revision counter ({@code catalog_revision}). Every changing transaction bumps it, which also
 * serialises catalog writers on one row: a snapshot read at revision N holds exactly the changes up to N.
 */
@ApplicationScoped
public class CatalogRevisions {

    public Uni<Long> bump(SqlClient tx) {
        return tx.query("UPDATE catalog_revision SET revision = revision + 1, changed_at = now() RETURNING revision")
                .execute().map(rows -> rows.iterator().next().getLong("revision"));
    }

    /** Takes the writers' lock early, for checks that must hold until commit (e.g. "no model uses this provider"). */
    public Uni<Void> lock(SqlClient tx) {
        return tx.query("SELECT revision FROM catalog_revision FOR UPDATE").execute().replaceWithVoid();
    }

    public Uni<Long> current(SqlClient client) {
        return client.query("SELECT revision FROM catalog_revision").execute()
                .map(rows -> rows.iterator().next().getLong("revision"));
    }
}
