package io.tollgate.quota.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.api.SpendUpdated;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.roles.Roles;
import io.tollgate.quota.internal.application.DefinitionProjection;
import io.tollgate.quota.internal.persistence.QuotaRepository;
import io.tollgate.quota.internal.persistence.QuotaRepository.Spend;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps budgets exact (worker role): each {@code metering.spend-updated.v1} is stored (the latest per
 * organisation and currency, for re-seeding) and sets the day's and month's spend in Redis, replacing the
 * gateway's running estimate. Older updates than the one applied are ignored.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class SpendConsumer {

    static final String CONSUMER = "quota.spend";

    private final Pool quota;
    private final QuotaRepository repository;
    private final DefinitionProjection projection;
    private final IdempotentConsumer consumer;
    private final ObjectMapper json;
    private final Clock clock;

    public SpendConsumer(@ReactiveDataSource("quota") Pool quota, QuotaRepository repository,
            DefinitionProjection projection, IdempotentConsumer consumer, ObjectMapper json, Clock clock) {
        this.quota = quota;
        this.repository = repository;
        this.projection = projection;
        this.consumer = consumer;
        this.json = json;
        this.clock = clock;
    }

    @Incoming("quota-spend")
    public Uni<Void> onEvent(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, quota, this::apply);
    }

    private Uni<Void> apply(SqlClient tx, CloudEvent event) {
        SpendUpdated update = read(event);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return repository.saveSpend(tx, update).flatMap(newer -> !newer ? Uni.createFrom().voidItem()
                : projection.seed(new Spend(update.orgId(), update.currency(), update.day(),
                        new BigDecimal(update.dayTotal()), update.month().toString(),
                        new BigDecimal(update.monthTotal()), update.asOf()), today));
    }

    private SpendUpdated read(CloudEvent event) {
        try {
            return json.readValue(event.getData().toBytes(), SpendUpdated.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable spend update " + event.getId(), e);
        }
    }
}
