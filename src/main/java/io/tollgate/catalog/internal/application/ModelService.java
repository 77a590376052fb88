package io.tollgate.catalog.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.ModelChanged;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.catalog.internal.domain.Deployment;
import io.tollgate.catalog.internal.domain.DeploymentDraft;
import io.tollgate.catalog.internal.domain.Model;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.Price;
import io.tollgate.catalog.internal.domain.PriceDraft;
import io.tollgate.catalog.internal.domain.PriceHistory;
import io.tollgate.catalog.internal.domain.PricedModel;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.persistence.CatalogRevisions;
import io.tollgate.catalog.internal.persistence.ModelRepository;
import io.tollgate.catalog.internal.persistence.PriceRepository;
import io.tollgate.catalog.internal.persistence.ProviderRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creates, changes and deletes models with their deployments, and appends price versions. Deployments must
 * name providers the model may use (platform-wide ones, or its own organisation's), fallbacks must name live
 * models; each change commits with a bumped catalog revision and its event in the outbox.
 */
@ApplicationScoped
public class ModelService {

    private static final String WHAT = "model";

    private final Pool catalog;
    private final ModelRepository models;
    private final ProviderRepository providers;
    private final PriceRepository prices;
    private final CatalogRevisions revisions;
    private final Outbox outbox;
    private final Clock clock;

    public ModelService(@ReactiveDataSource("catalog") Pool catalog, ModelRepository models, ProviderRepository providers,
            PriceRepository prices, CatalogRevisions revisions, Outbox outbox, Clock clock) {
        this.catalog = catalog;
        this.models = models;
        this.providers = providers;
        this.prices = prices;
        this.revisions = revisions;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<PricedModel> create(CatalogAccess access, ModelDraft draft) {
        access.requireWrite(draft.orgId(), WHAT);
        Instant now = now();
        UUID id = Ids.newId();
        return catalog.withTransaction(tx -> revisions.lock(tx)
                .flatMap(locked -> resolve(tx, draft, List.of()))
                .flatMap(deployments -> models.insert(tx, new Model(id, draft.orgId(), draft.name(), draft.audience(),
                        draft.strategy(), draft.retry(), draft.fallbacks(), draft.capabilities(), deployments, 1, now, now)))
                .call(created -> announce(tx, created, "created", access.actor())))
                .map(created -> new PricedModel(created, new PriceHistory(List.of())));
    }

    public Uni<PricedModel> get(CatalogAccess access, UUID id) {
        return models.find(catalog, id).map(found -> readable(access, found)).flatMap(this::priced);
    }

    /** The caller's organisations' models and the platform-wide ones they may use (all, for the superadmin). */
    public Uni<List<PricedModel>> page(CatalogAccess access, UUID after, int limit) {
        access.requireReadSomewhere();
        return models.page(catalog, access.readsEverything() ? null : access.readableOrgs(), after, limit)
                .flatMap(page -> page.isEmpty() ? Uni.createFrom().item(List.<PricedModel>of())
                        : prices.byModel(catalog, page.stream().map(Model::id).toList())
                                .map(byModel -> page.stream().map(m -> new PricedModel(m,
                                        new PriceHistory(byModel.getOrDefault(m.id(), List.of())))).toList()));
    }

    /** Applies {@code patch}; {@code ifMatch} null means last write wins, a different version answers 412. */
    public Uni<PricedModel> update(CatalogAccess access, UUID id, Integer ifMatch, Function<Model, ModelDraft> patch) {
        return models.find(catalog, id).flatMap(found -> {
            Model current = writable(access, found, ifMatch);
            ModelDraft draft = patch.apply(current);
            Instant now = now();
            return catalog.withTransaction(tx -> revisions.lock(tx)
                    .flatMap(locked -> resolve(tx, draft, current.deployments()))
                    .flatMap(deployments -> {
                        Model next = new Model(id, current.orgId(), draft.name(), draft.audience(), draft.strategy(),
                                draft.retry(), draft.fallbacks(), draft.capabilities(), deployments,
                                current.version() + 1, current.createdAt(), now);
                        return models.update(tx, next, current.version(), now)
                                .flatMap(updated -> updated ? announce(tx, next, "updated", access.actor()).replaceWith(next)
                                        : Uni.createFrom().failure(ProviderService.changedMeanwhile()));
                    }));
        }).flatMap(this::priced);
    }

    public Uni<Void> delete(CatalogAccess access, UUID id, Integer ifMatch) {
        return models.find(catalog, id).flatMap(found -> {
            Model current = writable(access, found, ifMatch);
            return catalog.withTransaction(tx -> models.delete(tx, id, now())
                    .flatMap(deleted -> deleted ? announce(tx, current, "deleted", access.actor()) : Uni.createFrom().voidItem()));
        });
    }

    /** Appends a price version to the model or one of its live deployments. */
    public Uni<Price> addPrice(CatalogAccess access, UUID modelId, Function<Instant, PriceDraft> request) {
        return models.find(catalog, modelId).flatMap(found -> {
            Model model = writable(access, found, null);
            PriceDraft draft = request.apply(clock.instant());
            if (draft.deploymentId() != null
                    && model.deployments().stream().noneMatch(d -> d.id().equals(draft.deploymentId()))) {
                throw unprocessable(Map.of("deploymentId", "is not a deployment of this model"));
            }
            return catalog.withTransaction(tx -> revisions.lock(tx)
                    .flatMap(locked -> prices.of(tx, modelId))
                    .flatMap(history -> {
                        new PriceHistory(history).requireAppendable(draft);
                        Price price = new Price(Ids.newId(), modelId, draft.deploymentId(), draft.inputPer1M(),
                                draft.outputPer1M(), draft.cachedInputPer1M(), draft.currency(), draft.effectiveFrom(),
                                now());
                        return prices.insert(tx, price);
                    })
                    .call(price -> revisions.bump(tx).flatMap(revision -> outbox.append(tx, new PriceAdded(price.id(),
                            modelId, model.name(), price.deploymentId(), text(price.inputPer1M()),
                            text(price.outputPer1M()), text(price.cachedInputPer1M()), price.currency(),
                            price.effectiveFrom(), model.orgId(), revision), access.actor()))));
        });
    }

    public Uni<PriceHistory> prices(CatalogAccess access, UUID modelId) {
        return models.find(catalog, modelId).map(found -> readable(access, found))
                .flatMap(model -> prices.of(catalog, modelId)).map(PriceHistory::new);
    }

    /**
     * The deployments of {@code draft} with their providers resolved; a deployment that names the same provider
     * and upstream model as an existing one keeps its id (its prices stay attached).
     */
    private Uni<List<Deployment>> resolve(SqlClient tx, ModelDraft draft, List<Deployment> existing) {
        List<Uni<Provider>> lookups = draft.deployments().stream()
                .map(d -> providers.findUsable(tx, d.provider(), draft.orgId())).toList();
        Uni<List<Provider>> found = Uni.join().all(lookups).andFailFast();
        return found.flatMap(resolved -> (draft.fallbacks().isEmpty() ? Uni.createFrom().item(java.util.Set.<String>of())
                : models.existingNames(tx, draft.fallbacks())).map(liveFallbacks -> {
                    Map<String, String> errors = new LinkedHashMap<>();
                    List<Deployment> deployments = new ArrayList<>();
                    for (int i = 0; i < resolved.size(); i++) {
                        DeploymentDraft d = draft.deployments().get(i);
                        Provider provider = resolved.get(i);
                        if (provider == null) {
                            errors.put("deployments[" + i + "].provider", "no provider '" + d.provider()
                                    + "' that this model may use");
                        } else {
                            deployments.add(new Deployment(idFor(existing, provider.id(), d.upstreamModel()),
                                    provider.id(), d.upstreamModel(), d.weight(), d.priority(), d.maxConcurrent(),
                                    d.rpm(), d.tpm()));
                        }
                    }
                    for (int i = 0; i < draft.fallbacks().size(); i++) {
                        if (!liveFallbacks.contains(draft.fallbacks().get(i))) {
                            errors.put("fallbacks[" + i + "]", "no model named '" + draft.fallbacks().get(i) + "'");
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw unprocessable(errors);
                    }
                    return deployments;
                }));
    }

    private static UUID idFor(List<Deployment> existing, UUID providerId, String upstreamModel) {
        return existing.stream()
                .filter(d -> d.providerId().equals(providerId) && d.upstreamModel().equals(upstreamModel))
                .map(Deployment::id).findFirst().orElseGet(Ids::newId);
    }

    private Uni<PricedModel> priced(Model model) {
        return prices.of(catalog, model.id()).map(history -> new PricedModel(model, new PriceHistory(history)));
    }

    private Uni<Void> announce(SqlClient tx, Model model, String change, Actor actor) {
        return revisions.bump(tx)
                .flatMap(revision -> outbox.append(tx, new ModelChanged(model.id(), model.orgId(), model.name(), change, revision), actor));
    }

    private static Model readable(CatalogAccess access, Model found) {
        if (found == null) {
            throw TollgateException.notFound("Model");
        }
        access.requireRead(found.orgId(), found.audience(), WHAT);
        return found;
    }

    private static Model writable(CatalogAccess access, Model found, Integer ifMatch) {
        Model current = readable(access, found);
        access.requireWrite(current.orgId(), WHAT);
        if (ifMatch != null && ifMatch != current.version()) {
            throw ProviderService.changedMeanwhile();
        }
        return current;
    }

    private static TollgateException unprocessable(Map<String, String> errors) {
        return new TollgateException(ErrorKind.UNPROCESSABLE, "The request refers to objects that do not exist or may not be used",
                errors, null, errors.size() == 1 ? errors.keySet().iterator().next() : null);
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
