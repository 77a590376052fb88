package io.tollgate.quota.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.api.SpendUpdated;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.platform.outbox.IdempotentConsumer;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.tollgate.quota.api.BudgetThresholdReached;
import io.tollgate.quota.internal.domain.Budget;
import io.tollgate.quota.internal.domain.SoftThreshold;
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
 * gateway's running estimate. Older updates than the one applied are ignored. An update that takes a period's
 * spend across the budget's soft threshold publishes {@code quota.budget-threshold-reached.v1} (through the
 * outbox, so exactly once) and counts {@code tollgate_quota_budget_threshold_total}.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class SpendConsumer {

    static final String CONSUMER = "quota.spend";
    /** Soft thresholds crossed, by period ({@code day}, {@code month}). */
    static final String THRESHOLD_METRIC = "tollgate_quota_budget_threshold_total";

    private final Pool quota;
    private final QuotaRepository repository;
    private final DefinitionProjection projection;
    private final IdempotentConsumer consumer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Outbox outbox;
    private final MeterRegistry metrics;

    public SpendConsumer(@ReactiveDataSource("quota") Pool quota, QuotaRepository repository,
            DefinitionProjection projection, IdempotentConsumer consumer, ObjectMapper json, Clock clock, Outbox outbox,
            MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
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
        Spend next = new Spend(update.orgId(), update.currency(), update.day(), new BigDecimal(update.dayTotal()),
                update.month().toString(), new BigDecimal(update.monthTotal()), update.asOf());
        return repository.spendOf(tx, update.orgId(), update.currency()).flatMap(previous -> repository.saveSpend(tx, update)
                .flatMap(newer -> !newer ? Uni.createFrom().voidItem()
                        : projection.seed(next, today).call(() -> announceThresholds(tx, previous, next))));
    }

    /** The budget's soft threshold event, once per period: when this update takes the spend across it. */
    private Uni<Void> announceThresholds(SqlClient tx, Spend previous, Spend next) {
        return repository.budget(tx, next.orgId(), false).flatMap(found -> {
            if (found == null || !found.budget().currency().equals(next.currency())) {
                return Uni.createFrom().voidItem();
            }
            Budget budget = found.budget();
            BigDecimal dayBefore = previous != null && previous.day().equals(next.day()) ? previous.dayTotal() : BigDecimal.ZERO;
            BigDecimal monthBefore = previous != null && previous.month().equals(next.month()) ? previous.monthTotal() : BigDecimal.ZERO;
            Uni<Void> chain = Uni.createFrom().voidItem();
            if (SoftThreshold.crossed(budget.daily(), budget.softThresholdPercent(), dayBefore, next.dayTotal())) {
                chain = chain.call(() -> announce(tx, next, "day", next.day().toString(), next.dayTotal(), budget.daily(), budget));
            }
            if (SoftThreshold.crossed(budget.monthly(), budget.softThresholdPercent(), monthBefore, next.monthTotal())) {
                chain = chain.call(() -> announce(tx, next, "month", next.month(), next.monthTotal(), budget.monthly(), budget));
            }
            return chain;
        });
    }

    private Uni<Void> announce(SqlClient tx, Spend spend, String period, String start, BigDecimal spent,
            BigDecimal limit, Budget budget) {
        metrics.counter(THRESHOLD_METRIC, "period", period).increment();
        return outbox.append(tx, new BudgetThresholdReached(spend.orgId(), period, start,
                spent.stripTrailingZeros().toPlainString(), limit.stripTrailingZeros().toPlainString(), budget.currency(),
                budget.softThresholdPercent()), Actor.system("quota"));
    }

    private SpendUpdated read(CloudEvent event) {
        try {
            return json.readValue(event.getData().toBytes(), SpendUpdated.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable spend update " + event.getId(), e);
        }
    }
}
