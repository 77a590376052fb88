package io.tollgate.catalog.internal.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.application.AccessFactory;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.domain.Price;
import io.tollgate.catalog.internal.domain.PriceDraft;
import io.tollgate.catalog.internal.domain.PricedModel;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.api.Specs;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/**
 * {@code Price}: the price of a model as a whole, named like the model ({@code metadata.name} and
 * {@code metadata.namespace}). Prices are versioned and never rewritten: the platform's price is the version in
 * effect now, and a change from Git appends a version effective now. Never pruned (old usage stays priced by its
 * versions). Deployment-specific prices and future-dated versions are set through the API.
 */
@ApplicationScoped
public class PriceKind implements PolicyKind {

    static final String KIND = "Price";

    /** Amounts per million tokens as decimal strings; {@code cachedInputPer1M} absent: cached input costs as input. */
    @RegisterForReflection
    record Spec(String inputPer1M, String outputPer1M, String cachedInputPer1M, String currency) {
    }

    private final ModelService models;
    private final CatalogStates catalog;
    private final Clock clock;

    public PriceKind(ModelService models, CatalogStates catalog, Clock clock) {
        this.models = models;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public KindTraits traits() {
        return new KindTraits(KIND, 60, Scope.EITHER, false);
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        Spec s = Specs.read(spec, Spec.class);
        return Specs.write(new Spec(Specs.amount("inputPer1M", s.inputPer1M()),
                Specs.amount("outputPer1M", s.outputPer1M()), Specs.amount("cachedInputPer1M", s.cachedInputPer1M()),
                s.currency()));
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return List.of(new ObjectRef(ModelKind.KIND, declared.ref().namespace(), declared.ref().name()));
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return catalog.load().map(state -> state.models().stream()
                .flatMap(priced -> priced.prices().priceAt(clock.instant(), null).stream()
                        .flatMap(price -> state.ref(KIND, priced.model().orgId(), priced.model().name()).stream()
                                .map(ref -> new PolicyObject(ref, spec(price)))))
                .toList());
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return update(declared, actor);
    }

    /** Appends a version effective now; the versions before it stay, for the usage they priced. */
    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return catalog.load().flatMap(state -> {
            Spec s = Specs.read(normalise(declared.spec()), Spec.class);
            PricedModel model = state.referencedModel(declared.ref().namespace(), declared.ref().name());
            return models.addPrice(AccessFactory.platform(actor), model.model().id(), now -> PriceDraft.of(null,
                    amount(s.inputPer1M()), amount(s.outputPer1M()), amount(s.cachedInputPer1M()), s.currency(), null, now));
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return Uni.createFrom().failure(new TollgateException(ErrorKind.CONFLICT,
                "Prices are never pruned: their versions price the usage of their time"));
    }

    private static ObjectNode spec(Price price) {
        return Specs.write(new Spec(Specs.amount(price.inputPer1M()), Specs.amount(price.outputPer1M()),
                Specs.amount(price.cachedInputPer1M()), price.currency()));
    }

    private static BigDecimal amount(String canonical) {
        return canonical == null ? null : new BigDecimal(canonical);
    }
}
