package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Refresh tokens by their SHA-256; the token itself is never stored. */
@ApplicationScoped
public class RefreshTokenRepository {

    /** A stored refresh token's state. */
    public record Stored(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    public Uni<Void> insert(SqlClient tx, UUID id, UUID familyId, UUID userId, String tokenHash, Instant now, Instant expiresAt) {
        return tx.preparedQuery("""
                INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(id, familyId, userId, tokenHash, Rows.utc(now), Rows.utc(expiresAt))).replaceWithVoid();
    }

    /** The token with this hash, locked for the rest of the transaction. */
    public Uni<Stored> lock(SqlClient tx, String tokenHash) {
        return tx.preparedQuery("""
                SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens
                 WHERE token_hash = $1 FOR UPDATE""")
                .execute(Tuple.of(tokenHash))
                .map(rows -> Rows.first(rows, row -> new Stored(row.getUUID("id"), row.getUUID("family_id"),
                        row.getUUID("user_id"), Rows.instant(row, "expires_at"), Rows.instant(row, "used_at"),
                        Rows.instant(row, "revoked_at"))));
    }

    public Uni<Void> markUsed(SqlClient tx, UUID id, Instant now) {
        return tx.preparedQuery("UPDATE refresh_tokens SET used_at = $2 WHERE id = $1").execute(Tuple.of(id, Rows.utc(now)))
                .replaceWithVoid();
    }

    public Uni<Void> revokeFamily(SqlClient tx, UUID familyId, Instant now) {
        return tx.preparedQuery("UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(familyId, Rows.utc(now))).replaceWithVoid();
    }
}
