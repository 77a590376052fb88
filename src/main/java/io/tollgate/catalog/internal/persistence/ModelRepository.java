package io.tollgate.catalog.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.api.RoutingStrategy;
import io.tollgate.catalog.internal.domain.Deployment;
import io.tollgate.catalog.internal.domain.Model;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Models and their deployments in {@code tollgate_catalog}. Deleted models and removed deployments are kept
 * (marked), because price versions refer to them.
 */
@ApplicationScoped
public class ModelRepository {

    private static final String COLUMNS = """
            id, org_id, name, audience, strategy, retry_attempts, retry_backoff_ms, fallbacks, capabilities, version,
            created_at, updated_at""";
    private static final String DEPLOYMENT_COLUMNS = """
            id, model_id, provider_id, upstream_model, weight, priority, max_concurrent, rpm, tpm""";

    public Uni<Model> insert(SqlClient tx, Model m) {
        return tx.preparedQuery("INSERT INTO models (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(values(m)))
                .onFailure().transform(Sql.uniqueAsConflict("A model named '" + m.name() + "' already exists"))
                .call(() -> upsertDeployments(tx, m.id(), m.deployments()))
                .replaceWith(m);
    }

    /**
     * Writes {@code m} if the stored version is still {@code expectedVersion}; emits false otherwise. Deployments
     * keep their ids when provider and upstream model stay the same; the others are retired or added.
     */
    public Uni<Boolean> update(SqlClient tx, Model m, int expectedVersion, Instant at) {
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(values(m)));
        params.add(expectedVersion);
        return tx.preparedQuery("""
                UPDATE models SET name = $3, audience = $4, strategy = $5, retry_attempts = $6, retry_backoff_ms = $7,
                  fallbacks = $8, capabilities = $9, version = $10, updated_at = $12
                 WHERE id = $1 AND org_id IS NOT DISTINCT FROM $2 AND created_at = $11 AND version = $13
                   AND deleted_at IS NULL""")
                .execute(Tuple.from(params))
                .onFailure().transform(Sql.uniqueAsConflict("A model named '" + m.name() + "' already exists"))
                .flatMap(result -> result.rowCount() == 1
                        ? replaceDeployments(tx, m, at).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    public Uni<Boolean> delete(SqlClient tx, UUID id, Instant at) {
        return tx.preparedQuery("UPDATE models SET deleted_at = $2, version = version + 1 WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id, Sql.time(at)))
                .flatMap(result -> result.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery("UPDATE deployments SET retired_at = $2 WHERE model_id = $1 AND retired_at IS NULL")
                                .execute(Tuple.of(id, Sql.time(at))).replaceWith(true));
    }

    public Uni<Model> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM models WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).flatMap(rows -> withDeployments(client, rows))
                .map(models -> models.isEmpty() ? null : models.get(0));
    }

    /**
     * A page in id order. {@code orgs} null: every model; else the models of {@code orgs}, and platform-wide
     * ones that are public or list one of {@code orgs} in their audience.
     */
    public Uni<List<Model>> page(SqlClient client, Set<UUID> orgs, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM models m WHERE deleted_at IS NULL"
                + " AND ($1::uuid[] IS NULL OR org_id = ANY($1) OR (org_id IS NULL AND (audience = '[]'::jsonb"
                + "   OR EXISTS (SELECT 1 FROM jsonb_array_elements(m.audience) a WHERE (a->>'orgId')::uuid = ANY($1)))))"
                + " AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(orgs == null ? null : orgs.toArray(UUID[]::new), after, limit))
                .flatMap(rows -> withDeployments(client, rows));
    }

    public Uni<List<Model>> allLive(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM models WHERE deleted_at IS NULL").execute()
                .flatMap(rows -> withDeployments(client, rows));
    }

    /** Which of {@code names} are live models. */
    public Uni<Set<String>> existingNames(SqlClient client, List<String> names) {
        return client.preparedQuery("SELECT name FROM models WHERE deleted_at IS NULL AND name = ANY($1)")
                .execute(Tuple.of(names.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new java.util.HashSet<>();
                    rows.forEach(row -> found.add(row.getString("name")));
                    return found;
                });
    }

    public Uni<Boolean> any(SqlClient client) {
        return client.query("SELECT EXISTS (SELECT 1 FROM models) AS found").execute()
                .map(rows -> rows.iterator().next().getBoolean("found"));
    }

    private Uni<Void> replaceDeployments(SqlClient tx, Model m, Instant at) {
        return liveDeployments(tx, List.of(m.id())).flatMap(existing -> {
            Set<UUID> kept = new java.util.HashSet<>();
            m.deployments().forEach(d -> kept.add(d.id()));
            List<UUID> retired = existing.getOrDefault(m.id(), List.of()).stream().map(Deployment::id)
                    .filter(id -> !kept.contains(id)).toList();
            Uni<Void> retire = retired.isEmpty() ? Uni.createFrom().voidItem()
                    : tx.preparedQuery("UPDATE deployments SET retired_at = $2 WHERE id = ANY($1)")
                            .execute(Tuple.of(retired.toArray(UUID[]::new), Sql.time(at))).replaceWithVoid();
            return retire.call(() -> upsertDeployments(tx, m.id(), m.deployments()));
        });
    }

    private Uni<Void> upsertDeployments(SqlClient tx, UUID modelId, List<Deployment> deployments) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            batch.add(deploymentTuple(modelId, deployments.get(i), i));
        }
        return tx.preparedQuery("INSERT INTO deployments (" + DEPLOYMENT_COLUMNS + ", position)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE SET weight = $5,"
                + " priority = $6, max_concurrent = $7, rpm = $8, tpm = $9, position = $10")
                .executeBatch(batch).replaceWithVoid();
    }

    private static Tuple deploymentTuple(UUID modelId, Deployment d, int position) {
        return Tuple.from(new Object[] { d.id(), modelId, d.providerId(), d.upstreamModel(), d.weight(), d.priority(),
                d.maxConcurrent(), d.rpm(), d.tpm(), position });
    }

    private Uni<List<Model>> withDeployments(SqlClient client, RowSet<Row> rows) {
        List<Row> modelRows = new ArrayList<>();
        rows.forEach(modelRows::add);
        if (modelRows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = modelRows.stream().map(row -> row.getUUID("id")).toList();
        return liveDeployments(client, ids).map(deployments -> modelRows.stream()
                .map(row -> map(row, deployments.getOrDefault(row.getUUID("id"), List.of()))).toList());
    }

    private Uni<Map<UUID, List<Deployment>>> liveDeployments(SqlClient client, List<UUID> modelIds) {
        return client.preparedQuery("SELECT " + DEPLOYMENT_COLUMNS + " FROM deployments"
                + " WHERE model_id = ANY($1) AND retired_at IS NULL ORDER BY model_id, position")
                .execute(Tuple.of(modelIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Deployment>> byModel = new HashMap<>();
                    rows.forEach(row -> byModel.computeIfAbsent(row.getUUID("model_id"), id -> new ArrayList<>())
                            .add(new Deployment(row.getUUID("id"), row.getUUID("provider_id"),
                                    row.getString("upstream_model"), row.getInteger("weight"),
                                    row.getInteger("priority"), row.getInteger("max_concurrent"),
                                    row.getInteger("rpm"), row.getInteger("tpm"))));
                    return byModel;
                });
    }

    private static Object[] values(Model m) {
        JsonArray audience = new JsonArray();
        m.audience().forEach(entry -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("orgId", entry.orgId().toString());
            json.put("projectId", entry.projectId() == null ? null : entry.projectId().toString());
            audience.add(new JsonObject(json));
        });
        Capabilities c = m.capabilities();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("chat", c.chat());
        capabilities.put("embeddings", c.embeddings());
        capabilities.put("completions", c.completions());
        capabilities.put("tools", c.tools());
        capabilities.put("vision", c.vision());
        capabilities.put("maxContextTokens", c.maxContextTokens());
        return new Object[] { m.id(), m.orgId(), m.name(), audience, m.strategy().apiName(), m.retry().attempts(),
                m.retry().backoffMs(), m.fallbacks().toArray(String[]::new), new JsonObject(capabilities), m.version(),
                Sql.time(m.createdAt()), Sql.time(m.updatedAt()) };
    }

    private static Model map(Row row, List<Deployment> deployments) {
        List<Audience> audience = new ArrayList<>();
        JsonArray entries = (JsonArray) row.getValue("audience");
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.getJsonObject(i);
            String project = entry.getString("projectId");
            audience.add(new Audience(UUID.fromString(entry.getString("orgId")),
                    project == null ? null : UUID.fromString(project)));
        }
        JsonObject c = row.getJsonObject("capabilities");
        return new Model(row.getUUID("id"), row.getUUID("org_id"), row.getString("name"), List.copyOf(audience),
                RoutingStrategy.fromApiName(row.getString("strategy")).orElseThrow(),
                new RetryPolicy(row.getInteger("retry_attempts"), row.getInteger("retry_backoff_ms")),
                List.of(row.getArrayOfStrings("fallbacks")),
                new Capabilities(c.getBoolean("chat", false), c.getBoolean("embeddings", false),
                        c.getBoolean("completions", false), c.getBoolean("tools", false), c.getBoolean("vision", false),
                        c.getInteger("maxContextTokens")),
                List.copyOf(deployments), row.getInteger("version"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
