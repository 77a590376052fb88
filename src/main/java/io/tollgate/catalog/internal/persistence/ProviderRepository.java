package io.tollgate.catalog.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.EncryptedCredential;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.StoredCredential;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Providers in {@code tollgate_catalog}; deleted ones are kept (deployments of old models refer to them) without credential. */
@ApplicationScoped
public class ProviderRepository {

    private static final String COLUMNS = """
            id, org_id, name, type, base_url, api_version, extra_headers, connect_timeout_ms, first_byte_timeout_ms,
            idle_timeout_ms, total_timeout_ms, max_concurrent, credential_key_id, credential_wrapped_key,
            credential_nonce, credential_ciphertext, credential_last4, credential_header_names, version, created_at,
            updated_at""";

    public Uni<Provider> insert(SqlClient tx, Provider p) {
        return tx.preparedQuery("INSERT INTO providers (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                + "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)")
                .execute(Tuple.from(values(p)))
                .replaceWith(p)
                .onFailure().transform(Sql.uniqueAsConflict("A provider named '" + p.name() + "' already exists here"));
    }

    /** Writes {@code p} if the stored version is still {@code expectedVersion}; emits false otherwise. */
    public Uni<Boolean> update(SqlClient tx, Provider p, int expectedVersion) {
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(values(p)));
        params.add(expectedVersion);
        return tx.preparedQuery("""
                UPDATE providers SET name = $3, base_url = $5, api_version = $6, extra_headers = $7,
                  connect_timeout_ms = $8, first_byte_timeout_ms = $9, idle_timeout_ms = $10, total_timeout_ms = $11,
                  max_concurrent = $12, credential_key_id = $13, credential_wrapped_key = $14, credential_nonce = $15,
                  credential_ciphertext = $16, credential_last4 = $17, credential_header_names = $18, version = $19,
                  updated_at = $21
                 WHERE id = $1 AND org_id IS NOT DISTINCT FROM $2 AND type = $4 AND created_at = $20
                   AND version = $22 AND deleted_at IS NULL""")
                .execute(Tuple.from(params))
                .map(result -> result.rowCount() == 1)
                .onFailure().transform(Sql.uniqueAsConflict("A provider named '" + p.name() + "' already exists here"));
    }

    /** Deletes softly and destroys the credential: a deleted provider can no longer be called. */
    public Uni<Boolean> delete(SqlClient tx, UUID id, Instant at) {
        return tx.preparedQuery("""
                UPDATE providers SET deleted_at = $2, credential_key_id = NULL, credential_wrapped_key = NULL,
                  credential_nonce = NULL, credential_ciphertext = NULL, credential_last4 = NULL,
                  credential_header_names = '{}', version = version + 1
                 WHERE id = $1 AND deleted_at IS NULL""")
                .execute(Tuple.of(id, Sql.time(at))).map(result -> result.rowCount() == 1);
    }

    public Uni<Provider> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM providers WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).map(ProviderRepository::first);
    }

    /** A live provider a model owned by {@code modelOrg} may use, by id or by name (the org's own name first). */
    public Uni<Provider> findUsable(SqlClient client, String idOrName, UUID modelOrg) {
        UUID id = parseUuid(idOrName);
        return client.preparedQuery("SELECT " + COLUMNS + " FROM providers WHERE deleted_at IS NULL"
                + " AND (org_id IS NULL OR org_id = $3) AND (id = $1 OR ($1 IS NULL AND name = $2))"
                + " ORDER BY org_id NULLS LAST LIMIT 1")
                .execute(Tuple.of(id, idOrName, modelOrg)).map(ProviderRepository::first);
    }

    /** A page in id order; {@code orgs} null for every provider, else platform-wide ones and those of {@code orgs}. */
    public Uni<List<Provider>> page(SqlClient client, Set<UUID> orgs, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM providers WHERE deleted_at IS NULL"
                + " AND ($1::uuid[] IS NULL OR org_id IS NULL OR org_id = ANY($1))"
                + " AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(orgs == null ? null : orgs.toArray(UUID[]::new), after, limit))
                .map(ProviderRepository::all);
    }

    public Uni<List<Provider>> allLive(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM providers WHERE deleted_at IS NULL").execute()
                .map(ProviderRepository::all);
    }

    /** Live providers whose credential is sealed under another key than {@code activeKeyId}, locked for rotation. */
    public Uni<List<Provider>> lockSealedUnderOtherKeys(SqlClient tx, String activeKeyId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM providers WHERE deleted_at IS NULL"
                + " AND credential_key_id IS NOT NULL AND credential_key_id <> $1 FOR UPDATE")
                .execute(Tuple.of(activeKeyId)).map(ProviderRepository::all);
    }

    public Uni<Void> replaceCredential(SqlClient tx, UUID id, EncryptedCredential credential) {
        Base64.Decoder base64 = Base64.getDecoder();
        return tx.preparedQuery("""
                UPDATE providers SET credential_key_id = $2, credential_wrapped_key = $3, credential_nonce = $4,
                  credential_ciphertext = $5 WHERE id = $1""")
                .execute(Tuple.of(id, credential.keyId(), Sql.bytes(base64.decode(credential.wrappedKey())),
                        Sql.bytes(base64.decode(credential.nonce())), Sql.bytes(base64.decode(credential.ciphertext()))))
                .replaceWithVoid();
    }

    /** Whether a live model still deploys on the provider. */
    public Uni<Boolean> inUse(SqlClient client, UUID id) {
        return client.preparedQuery("""
                SELECT EXISTS (SELECT 1 FROM deployments d JOIN models m ON m.id = d.model_id
                 WHERE d.provider_id = $1 AND d.retired_at IS NULL AND m.deleted_at IS NULL) AS used""")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getBoolean("used"));
    }

    public Uni<Boolean> any(SqlClient client) {
        return client.query("SELECT EXISTS (SELECT 1 FROM providers) AS found").execute()
                .map(rows -> rows.iterator().next().getBoolean("found"));
    }

    private static Object[] values(Provider p) {
        StoredCredential credential = p.credential();
        EncryptedCredential sealed = credential == null ? null : credential.encrypted();
        Base64.Decoder base64 = Base64.getDecoder();
        return new Object[] { p.id(), p.orgId(), p.name(), p.type().apiName(), p.baseUrl(), p.apiVersion(),
                Sql.json(p.extraHeaders()), p.timeouts().connectMs(), p.timeouts().firstByteMs(), p.timeouts().idleMs(),
                p.timeouts().totalMs(), p.maxConcurrent(), sealed == null ? null : sealed.keyId(),
                sealed == null ? null : Sql.bytes(base64.decode(sealed.wrappedKey())),
                sealed == null ? null : Sql.bytes(base64.decode(sealed.nonce())),
                sealed == null ? null : Sql.bytes(base64.decode(sealed.ciphertext())),
                credential == null ? null : credential.last4(),
                credential == null ? new String[0] : credential.headerNames().toArray(String[]::new), p.version(),
                Sql.time(p.createdAt()), Sql.time(p.updatedAt()) };
    }

    private static Provider first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? map(rows.iterator().next()) : null;
    }

    private static List<Provider> all(RowSet<Row> rows) {
        List<Provider> providers = new ArrayList<>();
        rows.forEach(row -> providers.add(map(row)));
        return providers;
    }

    private static Provider map(Row row) {
        StoredCredential credential = null;
        if (row.getString("credential_key_id") != null) {
            Base64.Encoder base64 = Base64.getEncoder();
            credential = new StoredCredential(new EncryptedCredential(row.getString("credential_key_id"),
                    base64.encodeToString(Sql.bytes(row, "credential_wrapped_key")),
                    base64.encodeToString(Sql.bytes(row, "credential_nonce")),
                    base64.encodeToString(Sql.bytes(row, "credential_ciphertext"))),
                    row.getString("credential_last4"), List.of(row.getArrayOfStrings("credential_header_names")));
        }
        return new Provider(row.getUUID("id"), row.getUUID("org_id"), row.getString("name"),
                ProviderType.fromApiName(row.getString("type")).orElseThrow(), row.getString("base_url"),
                row.getString("api_version"), Sql.stringMap(row, "extra_headers"),
                new Timeouts(row.getInteger("connect_timeout_ms"), row.getInteger("first_byte_timeout_ms"),
                        row.getInteger("idle_timeout_ms"), row.getInteger("total_timeout_ms")),
                row.getInteger("max_concurrent"), credential, row.getInteger("version"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    private static UUID parseUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
