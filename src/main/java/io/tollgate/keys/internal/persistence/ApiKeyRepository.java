package io.tollgate.keys.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.keys.api.KeyIndexEntry;
import io.tollgate.keys.internal.domain.ApiKey;
import io.tollgate.keys.internal.domain.Scope;
import io.tollgate.platform.security.OrgRole;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Keys and their secrets' hashes in {@code tollgate_keys}. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = """
            id, org_id, project_id, name, display_prefix, scopes, grantor_role, created_by, created_at, expires_at,
            revoked_at, last_used_at""";

    /** A secret's hash with the index entry it stands for, when it is usable. */
    public record IndexedSecret(String secretHash, KeyIndexEntry entry) {
    }

    public Uni<Void> insert(SqlClient tx, ApiKey key, String secretHash) {
        return tx.preparedQuery("INSERT INTO api_keys (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(new Object[] { key.id(), key.orgId(), key.projectId(), key.name(), key.displayPrefix(),
                        key.scopes().stream().map(Scope::apiName).sorted().toArray(String[]::new), key.grantorRole().apiName(),
                        key.createdBy(), utc(key.createdAt()), utc(key.expiresAt()), null, null }))
                .flatMap(v -> insertSecret(tx, key.id(), secretHash, key.createdAt()));
    }

    public Uni<Void> insertSecret(SqlClient tx, UUID keyId, String secretHash, Instant now) {
        return tx.preparedQuery("INSERT INTO api_key_secrets (secret_hash, key_id, created_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(secretHash, keyId, utc(now))).replaceWithVoid();
    }

    public Uni<ApiKey> find(SqlClient client, UUID orgId, UUID keyId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = $1 AND id = $2")
                .execute(Tuple.of(orgId, keyId)).map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    public Uni<List<ApiKey>> page(SqlClient client, UUID orgId, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(orgId, after, limit)).map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(map(row)));
                    return keys;
                });
    }

    /** The key a secret belongs to, when that secret has not expired (the key itself may be revoked or expired). */
    public Uni<ApiKey> findBySecret(SqlClient client, String secretHash, Instant now) {
        return client.preparedQuery("""
                SELECT k.id, k.org_id, k.project_id, k.name, k.display_prefix, k.scopes, k.grantor_role, k.created_by,
                       k.created_at, k.expires_at, k.revoked_at, k.last_used_at
                  FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id
                  LEFT JOIN org_status o ON o.org_id = k.org_id
                 WHERE s.secret_hash = $1 AND (s.expires_at IS NULL OR s.expires_at > $2)
                   AND coalesce(o.status, 'active') = 'active'""")
                .execute(Tuple.of(secretHash, utc(now))).map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    public Uni<Boolean> revoke(SqlClient tx, UUID orgId, UUID keyId, String reason, Instant now) {
        return tx.preparedQuery("UPDATE api_keys SET revoked_at = $3, revoke_reason = $4 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL")
                .execute(Tuple.of(orgId, keyId, utc(now), reason)).map(result -> result.rowCount() == 1);
    }

    /** Revokes every key of an organisation; emits the ids it revoked. */
    public Uni<List<UUID>> revokeAll(SqlClient tx, UUID orgId, String reason, Instant now) {
        return tx.preparedQuery("UPDATE api_keys SET revoked_at = $2, revoke_reason = $3 WHERE org_id = $1 AND revoked_at IS NULL RETURNING id")
                .execute(Tuple.of(orgId, utc(now), reason)).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    /** Ends the current secrets of a key at {@code until} (now, or after a grace period). */
    public Uni<Void> expireSecrets(SqlClient tx, UUID keyId, Instant until) {
        return tx.preparedQuery("""
                UPDATE api_key_secrets SET expires_at = $2
                 WHERE key_id = $1 AND (expires_at IS NULL OR expires_at > $2)""")
                .execute(Tuple.of(keyId, utc(until))).replaceWithVoid();
    }

    /** Every secret of the given keys (all keys when null), each with its index entry when usable at {@code now}. */
    public Uni<List<IndexedSecret>> secrets(SqlClient client, List<UUID> keyIds, Instant now) {
        return client.preparedQuery("""
                SELECT s.secret_hash, s.expires_at AS secret_expires_at, k.id, k.org_id, k.project_id, k.scopes,
                       k.expires_at, k.revoked_at, coalesce(o.status, 'active') AS org_status
                  FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id
                  LEFT JOIN org_status o ON o.org_id = k.org_id
                 WHERE ($1::uuid[] IS NULL OR k.id = ANY($1))""")
                .execute(Tuple.of(keyIds == null ? null : keyIds.toArray(UUID[]::new))).map(rows -> {
                    List<IndexedSecret> secrets = new ArrayList<>();
                    for (Row row : rows) {
                        Instant keyExpiry = instant(row.getOffsetDateTime("expires_at"));
                        Instant secretExpiry = instant(row.getOffsetDateTime("secret_expires_at"));
                        Instant expiresAt = earliest(keyExpiry, secretExpiry);
                        boolean usable = row.getOffsetDateTime("revoked_at") == null && "active".equals(row.getString("org_status"))
                                && (expiresAt == null || expiresAt.isAfter(now));
                        secrets.add(new IndexedSecret(row.getString("secret_hash"), usable
                                ? new KeyIndexEntry(row.getUUID("id"), row.getUUID("org_id"), row.getUUID("project_id"),
                                        Arrays.asList(row.getArrayOfStrings("scopes")), expiresAt)
                                : null));
                    }
                    return secrets;
                });
    }

    public Uni<Void> recordUse(SqlClient tx, UUID keyId, Instant at) {
        return tx.preparedQuery("UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                .execute(Tuple.of(keyId, utc(at))).replaceWithVoid();
    }

    public Uni<List<UUID>> keysOf(SqlClient client, UUID orgId) {
        return client.preparedQuery("SELECT id FROM api_keys WHERE org_id = $1").execute(Tuple.of(orgId)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    public Uni<Void> setOrgStatus(SqlClient tx, UUID orgId, String status, Instant now) {
        return tx.preparedQuery("""
                INSERT INTO org_status (org_id, status, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (org_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
                 WHERE org_status.status <> 'deleted'""")
                .execute(Tuple.of(orgId, status, utc(now))).replaceWithVoid();
    }

    private static ApiKey map(Row row) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String scope : row.getArrayOfStrings("scopes")) {
            Scope.fromApiName(scope).ifPresent(scopes::add);
        }
        return new ApiKey(row.getUUID("id"), row.getUUID("org_id"), row.getUUID("project_id"), row.getString("name"),
                row.getString("display_prefix"), Set.copyOf(scopes), OrgRole.fromApiName(row.getString("grantor_role")).orElseThrow(),
                row.getString("created_by"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("revoked_at")),
                instant(row.getOffsetDateTime("last_used_at")));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
