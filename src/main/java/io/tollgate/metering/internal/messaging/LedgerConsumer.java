package io.tollgate.metering.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.metering.internal.application.UsageRecording;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes every usage event into the ledger and its rollups, once per event (worker role). */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class LedgerConsumer {

    static final String CONSUMER = "metering.ledger";

    private final Pool metering;
    private final IdempotentConsumer consumer;
    private final UsageRecording recording;
    private final ObjectMapper json;

    public LedgerConsumer(@ReactiveDataSource("metering") Pool metering, IdempotentConsumer consumer,
            UsageRecording recording, ObjectMapper json) {
        this.metering = metering;
        this.consumer = consumer;
        this.recording = recording;
        this.json = json;
    }

    @Incoming("metering-ledger")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, metering, (tx, event) -> EventData
                .read(json, event, UsageRecorded.class).flatMap(usage -> recording.record(tx, usage)));
    }
}
