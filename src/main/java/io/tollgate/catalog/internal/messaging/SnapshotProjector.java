package io.tollgate.catalog.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.application.SnapshotProjection;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps the gateway's routing snapshot in step with the catalog (worker role): a full rebuild at start, and
 * one on every {@code catalog.*} event. Rebuilding is idempotent (it publishes only a newer revision), so the
 * queue needs no inbox; a failed rebuild is requeued up to the delivery limit, then dead-lettered.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.WORKER, stringValue = "true", enableIfMissing = true)
public class SnapshotProjector {

    private static final Logger LOG = Logger.getLogger(SnapshotProjector.class);

    private final SnapshotProjection projection;

    public SnapshotProjector(SnapshotProjection projection) {
        this.projection = projection;
    }

    void rebuildAtStart(@Observes StartupEvent start) {
        projection.rebuild()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
                .subscribe().with(revision -> LOG.infof("Routing snapshot in Redis is at catalog revision %d", revision),
                        failure -> LOG.errorf(failure, "Routing snapshot could not be rebuilt at start; the next catalog change retries"));
    }

    @Incoming("catalog-projector")
    public Uni<Void> project(Message<byte[]> message) {
        return projection.rebuild()
                .flatMap(revision -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "Routing snapshot rebuild failed; the event will be retried up to the delivery limit");
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
