package io.tollgate.keys.internal.messaging;

import io.cloudevents.CloudEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tollgate.keys.internal.application.KeyIndexWriter;
import io.tollgate.keys.internal.persistence.ApiKeyRepository;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.roles.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps the key index in Redis in step with the keys database (worker role): every key event re-projects that
 * key; identity's organisation events suspend, restore or (on deletion) revoke an organisation's keys. The
 * whole index is rebuilt at start, so a lost Redis is whole again after a worker restart.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class KeyIndexer {

    private static final Logger LOG = Logger.getLogger(KeyIndexer.class);
    static final String CONSUMER = "keys.indexer";

    private final Pool keys;
    private final ApiKeyRepository repository;
    private final KeyIndexWriter index;
    private final IdempotentConsumer consumer;
    private final Clock clock;

    public KeyIndexer(@ReactiveDataSource("keys") Pool keys, ApiKeyRepository repository, KeyIndexWriter index,
            IdempotentConsumer consumer, Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.index = index;
        this.consumer = consumer;
        this.clock = clock;
    }

    void rebuildAtStart(@Observes StartupEvent start) {
        Instant now = clock.instant();
        repository.secrets(keys, null, now).flatMap(secrets -> index.rebuild(secrets, now))
                .subscribe().with(v -> LOG.info("Key index rebuilt"), e -> LOG.errorf(e, "Key index rebuild failed; events will repair it"));
    }

    @Incoming("keys-indexer")
    public Uni<Void> onEvent(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, keys, this::apply);
    }

    private Uni<Void> apply(SqlClient tx, CloudEvent event) {
        String type = CloudEvents.routingKey(event);
        Instant now = clock.instant();
        if (type.startsWith("keys.")) {
            return reindex(tx, List.of(UUID.fromString(event.getSubject())), now);
        }
        if (type.equals("gateway.keys-used.v1")) {
            return recordUses(tx, event);
        }
        UUID orgId = UUID.fromString(event.getSubject());
        return switch (type) {
            // The organisation's deletion (audited by identity) revokes its keys for good.
            case "identity.org-deleted.v1" -> repository.setOrgStatus(tx, orgId, "deleted", now)
                    .flatMap(v -> repository.revokeAll(tx, orgId, "organisation deleted", now))
                    .flatMap(revoked -> orgKeys(tx, orgId, now));
            case "identity.org-updated.v1" -> repository.setOrgStatus(tx, orgId, status(event), now)
                    .flatMap(v -> orgKeys(tx, orgId, now));
            default -> Uni.createFrom().voidItem();
        };
    }

    /** {@code last_used_at} from the gateway's periodic reports; never moves backwards. */
    private Uni<Void> recordUses(SqlClient tx, CloudEvent event) {
        JsonObject report = new JsonObject(new String(event.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Object use : report.getJsonArray("uses")) {
            JsonObject entry = (JsonObject) use;
            UUID keyId = UUID.fromString(entry.getString("keyId"));
            Instant at = Instant.parse(entry.getString("lastUsedAt"));
            chain = chain.call(() -> repository.recordUse(tx, keyId, at));
        }
        return chain;
    }

    private Uni<Void> orgKeys(SqlClient tx, UUID orgId, Instant now) {
        return repository.keysOf(tx, orgId).flatMap(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : reindex(tx, ids, now));
    }

    private Uni<Void> reindex(SqlClient tx, List<UUID> keyIds, Instant now) {
        return repository.secrets(tx, keyIds, now).flatMap(secrets -> index.write(secrets, now));
    }

    private static String status(CloudEvent event) {
        String status = event.getData() == null ? null : new JsonObject(new String(event.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8)).getString("status");
        return "suspended".equals(status) ? "suspended" : "active";
    }
}
