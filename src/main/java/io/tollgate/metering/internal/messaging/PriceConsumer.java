package io.tollgate.metering.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.metering.internal.application.Repricing;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps metering's price projection from the catalog's price events and re-prices unpriced usage (worker role). */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class PriceConsumer {

    static final String CONSUMER = "metering.prices";

    private final Pool metering;
    private final IdempotentConsumer consumer;
    private final Repricing repricing;
    private final ObjectMapper json;

    public PriceConsumer(@ReactiveDataSource("metering") Pool metering, IdempotentConsumer consumer,
            Repricing repricing, ObjectMapper json) {
        this.metering = metering;
        this.consumer = consumer;
        this.repricing = repricing;
        this.json = json;
    }

    @Incoming("metering-prices")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, metering, (tx, event) -> EventData
                .read(json, event, PriceAdded.class).flatMap(price -> repricing.add(tx, price)));
    }
}
