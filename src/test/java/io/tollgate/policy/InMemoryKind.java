package io.tollgate.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.KindTraits;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kind whose objects live in memory, standing in for a context's kind in the engine's tests (a test double of a
 * context, not of infrastructure). {@code size} defaults to 1; {@code secret} is runtime state Git never manages: it
 * is kept by updates and never observed. It counts concurrent applies, so overlapping reconcilers would show.
 */
public class InMemoryKind implements PolicyKind {

    private final KindTraits traits;
    private final Map<ObjectRef, ObjectNode> store = new ConcurrentHashMap<>();
    private final Map<ObjectRef, String> secrets = new ConcurrentHashMap<>();
    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration applyDelay = Duration.ZERO;

    public InMemoryKind(String kind, int rank, Scope scope, boolean prunable) {
        this.traits = new KindTraits(kind, rank, scope, prunable);
    }

    @Override
    public KindTraits traits() {
        return traits;
    }

    @Override
    public ObjectNode normalise(ObjectNode spec) {
        ObjectNode normalised = spec.deepCopy();
        normalised.remove("secret");
        if (!normalised.has("size")) {
            normalised.put("size", 1);
        }
        return normalised;
    }

    @Override
    public List<ObjectRef> dependencies(PolicyObject declared) {
        return declared.spec().has("dependsOn")
                ? List.of(ObjectRef.platformWide(traits.kind(), declared.spec().get("dependsOn").asText()))
                : List.of();
    }

    @Override
    public Uni<List<PolicyObject>> observe() {
        return Uni.createFrom().item(() -> store.entrySet().stream()
                .map(e -> new PolicyObject(e.getKey(), e.getValue().deepCopy())).toList());
    }

    @Override
    public Uni<Void> create(PolicyObject declared, Actor actor) {
        return apply("create " + declared.ref() + " by " + actor.principal(),
                () -> store.put(declared.ref(), declared.spec().deepCopy()));
    }

    @Override
    public Uni<Void> update(PolicyObject declared, Actor actor) {
        return apply("update " + declared.ref() + " by " + actor.principal(),
                () -> store.put(declared.ref(), declared.spec().deepCopy()));
    }

    @Override
    public Uni<Void> delete(ObjectRef ref, Actor actor) {
        return apply("delete " + ref + " by " + actor.principal(), () -> {
            store.remove(ref);
            secrets.remove(ref);
        });
    }

    private Uni<Void> apply(String what, Runnable effect) {
        Uni<Void> started = Uni.createFrom().voidItem()
                .invoke(() -> maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max));
        Duration delay = applyDelay;
        return (delay.isZero() ? started : started.onItem().delayIt().by(delay))
                .invoke(() -> {
                    effect.run();
                    applied.add(what);
                })
                .eventually(inFlight::decrementAndGet);
    }

    /** A change through the "API": sets a field of an existing object behind Git's back. */
    public void editThroughApi(ObjectRef ref, String field, String value) {
        store.computeIfPresent(ref, (r, spec) -> spec.deepCopy().put(field, value));
    }

    public void deleteThroughApi(ObjectRef ref) {
        store.remove(ref);
    }

    public void setSecretThroughApi(ObjectRef ref, String secret) {
        secrets.put(ref, secret);
    }

    public String secret(ObjectRef ref) {
        return secrets.get(ref);
    }

    public ObjectNode stored(ObjectRef ref) {
        return store.get(ref);
    }

    /** What was applied, as {@code create Widget/a by system:gitops}; filtered to the names containing {@code tag}. */
    public List<String> appliedFor(String tag) {
        synchronized (applied) {
            return applied.stream().filter(line -> line.contains(tag)).toList();
        }
    }

    public int maxConcurrentApplies() {
        return maxInFlight.get();
    }

    public void slowDownAppliesBy(Duration delay) {
        this.applyDelay = delay;
    }
}
