package io.tollgate.quota.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.tollgate.platform.web.ETags;
import io.tollgate.quota.api.BudgetChanged;
import io.tollgate.quota.api.LimitsChanged;
import io.tollgate.quota.internal.domain.Budget;
import io.tollgate.quota.internal.domain.BudgetDefinition;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.Limits;
import io.tollgate.quota.internal.persistence.QuotaRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads and sets limit and budget definitions: each change is one transaction with its outbox event, then is
 * projected into Redis. A failed projection is repaired by the worker's periodic rebuild (ADR 0019).
 */
@ApplicationScoped
public class DefinitionService {

    private static final Logger LOG = Logger.getLogger(DefinitionService.class);

    private final Pool quota;
    private final QuotaRepository repository;
    private final DefinitionProjection projection;
    private final Outbox outbox;
    private final Clock clock;
    private final QuotaConfig config;

    public DefinitionService(@ReactiveDataSource("quota") Pool quota, QuotaRepository repository,
            DefinitionProjection projection, Outbox outbox, Clock clock, QuotaConfig config) {
        this.quota = quota;
        this.repository = repository;
        this.projection = projection;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** The level's limits; when none were set, unlimited (the platform defaults for an organisation), version 0. */
    public Uni<LimitDefinition> limits(UUID orgId, LimitLevel level, UUID subjectId) {
        return repository.limits(quota, orgId, level, subjectId, false)
                .map(found -> found != null ? found : new LimitDefinition(orgId, level, subjectId, unset(level), 0, null));
    }

    public Uni<LimitDefinition> setLimits(UUID orgId, LimitLevel level, UUID subjectId, Limits limits,
            Integer expectedVersion, Actor actor) {
        Map<String, String> errors = limits.errors();
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(TollgateException.invalid(errors));
        }
        return quota.withTransaction(tx -> repository.limits(tx, orgId, level, subjectId, true).flatMap(current -> {
            int version = current == null ? 0 : current.version();
            ETags.require(expectedVersion, version);
            LimitDefinition next = new LimitDefinition(orgId, level, subjectId, limits, version + 1, clock.instant());
            return repository.saveLimits(tx, next)
                    .call(() -> outbox.append(tx, changed(next), actor))
                    .replaceWith(next);
        })).call(next -> projection.write(next).onFailure().invoke(e -> LOG.warnf(e,
                "Projecting limits of %s %s failed; the next rebuild repairs it", level.apiName(), subjectId))
                .onFailure().recoverWithNull());
    }

    /** Back to what the level has when none were set: the platform defaults for an organisation, else unlimited. */
    public Uni<LimitDefinition> clearLimits(UUID orgId, LimitLevel level, UUID subjectId, Integer expectedVersion,
            Actor actor) {
        return setLimits(orgId, level, subjectId, unset(level), expectedVersion, actor);
    }

    /** Whether the definition holds what its level has when none were set (never set, or cleared). */
    public boolean isUnset(LimitDefinition definition) {
        return definition.limits().equals(unset(definition.level()));
    }

    /** Every stored limit definition, of every level and organisation. */
    public Uni<List<LimitDefinition>> allLimits() {
        return repository.allLimits(quota);
    }

    /** Every stored budget, of every organisation. */
    public Uni<List<BudgetDefinition>> allBudgets() {
        return repository.allBudgets(quota);
    }

    public Uni<BudgetDefinition> budget(UUID orgId) {
        return repository.budget(quota, orgId, false)
                .map(found -> found != null ? found : new BudgetDefinition(orgId, null, 0, null));
    }

    public Uni<BudgetDefinition> setBudget(UUID orgId, Budget budget, Integer expectedVersion, Actor actor) {
        return quota.withTransaction(tx -> repository.budget(tx, orgId, true).flatMap(current -> {
            int version = current == null ? 0 : current.version();
            ETags.require(expectedVersion, version);
            BudgetDefinition next = new BudgetDefinition(orgId, budget, version + 1, clock.instant());
            return repository.saveBudget(tx, next)
                    .call(() -> outbox.append(tx, new BudgetChanged(orgId, text(budget.daily()), text(budget.monthly()),
                            budget.currency(), budget.softThresholdPercent(), next.version()), actor))
                    .replaceWith(next);
        })).call(next -> projection.write(next).onFailure().invoke(e -> LOG.warnf(e,
                "Projecting the budget of %s failed; the next rebuild repairs it", orgId)).onFailure().recoverWithNull());
    }

    private Limits unset(LimitLevel level) {
        return level == LimitLevel.ORG ? new Limits(config.defaults().requestsPerMinute(),
                config.defaults().tokensPerMinute(), null, null) : Limits.UNLIMITED;
    }

    private static LimitsChanged changed(LimitDefinition d) {
        Map<String, LimitsChanged.ModelLimits> models = new TreeMap<>();
        d.limits().models().forEach((alias, l) -> models.put(alias,
                new LimitsChanged.ModelLimits(l.requestsPerMinute(), l.tokensPerMinute(), l.maxConcurrent())));
        return new LimitsChanged(d.orgId(), d.level().apiName(), d.subjectId(), d.limits().requestsPerMinute(),
                d.limits().tokensPerMinute(), d.limits().maxConcurrent(), models, d.version());
    }

    static String text(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
