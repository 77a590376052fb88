package io.tollgate.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The gateway's view of the routing snapshot. {@link #refresh()} loads the version in force when it differs
 * from the one held and swaps it in atomically: a request sees the old snapshot or the new one, never a mix.
 * When Redis fails, the last good snapshot stays in force and the failure is logged once until the next success.
 */
public final class RoutingSnapshotReader {

    private static final Logger LOG = Logger.getLogger(RoutingSnapshotReader.class);

    private final SnapshotSource source;
    private final ObjectMapper json;
    private final AtomicReference<RoutingSnapshot> current = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    public RoutingSnapshotReader(SnapshotSource source, ObjectMapper json) {
        this.source = source;
        this.json = json;
    }

    /** The snapshot in force; empty until the first successful load. */
    public Optional<RoutingSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** Loads a newer version if there is one; emits whether it swapped. Never fails. */
    public Uni<Boolean> refresh() {
        return source.currentVersion()
                .flatMap(version -> version == null || version.equals(heldVersion())
                        ? Uni.createFrom().item(false)
                        : source.snapshotJson(version).map(this::swapIn))
                .invoke(swapped -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("Routing snapshot source answers again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf("Routing snapshot source failed (%s); serving snapshot version %s until it answers",
                                failure.getMessage(), heldVersion());
                    }
                    return false;
                });
    }

    private boolean swapIn(String text) {
        if (text == null) {
            return false; // the pointer moved past a version that has expired; the next change rewrites both
        }
        try {
            RoutingSnapshot loaded = json.readValue(text, RoutingSnapshot.class);
            current.set(loaded);
            return true;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Routing snapshot is not readable JSON", e);
        }
    }

    private String heldVersion() {
        RoutingSnapshot held = current.get();
        return held == null ? null : String.valueOf(held.version());
    }
}
