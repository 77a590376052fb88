package io.tollgate.audit.internal.messaging;

import io.cloudevents.CloudEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditEntry;
import io.tollgate.audit.internal.persistence.AuditEntryRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Records every event of the management contexts in the audit trail, once per event (worker role). */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class AuditRecorder {

    static final String CONSUMER = "audit.recorder";

    private final Pool audit;
    private final AuditEntryRepository entries;
    private final IdempotentConsumer consumer;

    public AuditRecorder(@ReactiveDataSource("audit") Pool audit, AuditEntryRepository entries,
            IdempotentConsumer consumer) {
        this.audit = audit;
        this.entries = entries;
        this.consumer = consumer;
    }

    @Incoming("audit-recorder")
    public Uni<Void> record(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, audit, this::append);
    }

    private Uni<Void> append(SqlClient tx, CloudEvent event) {
        Object org = event.getExtension(CloudEvents.ORG_EXTENSION);
        String data = event.getData() == null ? "null" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return entries.append(tx, new AuditEntry(Ids.newId(), event.getId(), CloudEvents.routingKey(event),
                event.getSource().toString(), event.getSubject(), org == null ? null : UUID.fromString(org.toString()),
                event.getTime() == null ? Instant.now() : event.getTime().toInstant(),
                extension(event, CloudEvents.ACTOR_EXTENSION), extension(event, CloudEvents.REQUEST_EXTENSION),
                extension(event, CloudEvents.SOURCE_IP_EXTENSION), data));
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
