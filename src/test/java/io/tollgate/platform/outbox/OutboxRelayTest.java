package io.tollgate.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The relay's rounds over several contexts: each context is held up only by its own round. */
class OutboxRelayTest {

    @Test
    void aContextWhoseRoundIsStillRunningIsSkippedWhileTheOthersGoOn() {
        ScriptedPool stuck = new ScriptedPool(() -> Uni.createFrom().nothing());
        ScriptedPool quick = new ScriptedPool(() -> Uni.createFrom().item(3));
        OutboxRelay relay = relay(stuck, quick);

        relay.publish().subscribe().with(done -> { });
        relay.publish().subscribe().with(done -> { });

        assertThat(stuck.rounds).hasValue(1);
        assertThat(quick.rounds).hasValue(2);
    }

    @Test
    void aFailingContextLeavesTheOthersBeAndIsRetriedNextTick() {
        ScriptedPool failing = new ScriptedPool(() -> Uni.createFrom().failure(new IllegalStateException("down")));
        ScriptedPool quick = new ScriptedPool(() -> Uni.createFrom().item(1));
        OutboxRelay relay = relay(failing, quick);

        relay.publish().await().atMost(Duration.ofSeconds(5));
        relay.publish().await().atMost(Duration.ofSeconds(5));

        assertThat(failing.rounds).hasValue(2);
        assertThat(quick.rounds).hasValue(2);
    }

    private static OutboxRelay relay(ScriptedPool first, ScriptedPool second) {
        return new OutboxRelay(List.of(new OutboxSource("first", first), new OutboxSource("second", second)), null,
                new SimpleMeterRegistry(), 100, Duration.ofDays(7));
    }

    /** A pool whose every transaction is the given outcome; it counts the transactions begun. */
    private static final class ScriptedPool extends Pool {

        private final Supplier<Uni<Integer>> outcome;
        private final AtomicInteger rounds = new AtomicInteger();

        ScriptedPool(Supplier<Uni<Integer>> outcome) {
            super((Object) null);
            this.outcome = outcome;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Uni<T> withTransaction(Function<SqlConnection, Uni<T>> function) {
            return Uni.createFrom().deferred(() -> {
                rounds.incrementAndGet();
                return (Uni<T>) outcome.get();
            });
        }
    }
}
