package io.tollgate.policy.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Named leases ({@code leases}): a holder keeps one until it expires or is released. Taking and renewing are one
 * conditional statement, so two replicas racing for a free lease cannot both win.
 */
@ApplicationScoped
public class LeaseRepository {

    /** Takes or renews the lease for {@code ttl}; emits false when another holder's lease has not expired. */
    public Uni<Boolean> acquire(SqlClient client, String name, String holder, Duration ttl) {
        return client.preparedQuery("""
                INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
                ON CONFLICT (name) DO UPDATE SET holder = $2, expires_at = now() + make_interval(secs => $3)
                 WHERE leases.holder = $2 OR leases.expires_at < now()
                RETURNING holder""")
                .execute(Tuple.of(name, holder, ttl.toMillis() / 1000.0))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Void> release(SqlClient client, String name, String holder) {
        return client.preparedQuery("UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2")
                .execute(Tuple.of(name, holder)).replaceWithVoid();
    }
}
