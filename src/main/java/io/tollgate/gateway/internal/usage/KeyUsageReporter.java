package io.tollgate.gateway.internal.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.KeysUsed;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Remembers which keys this replica authenticated and reports them every few seconds as one
 * {@code gateway.keys-used.v1} event, so that the keys context can keep {@code last_used_at} without a write per
 * request. Recording is one map update on the hot path; a report the broker does not confirm is merged back and
 * retried with the next one. The map holds one entry per distinct key, bounded by the number of keys.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class KeyUsageReporter {

    private static final Logger LOG = Logger.getLogger(KeyUsageReporter.class);

    private final Map<UUID, Instant> seen = new ConcurrentHashMap<>();
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public KeyUsageReporter(EventPublisher publisher, ObjectMapper json, Clock clock) {
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    public void used(UUID keyId) {
        seen.put(keyId, clock.instant());
    }

    @Scheduled(every = "${tollgate.gateway.key-usage-report-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> report() {
        if (seen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<KeysUsed.KeyUse> uses = new ArrayList<>();
        for (UUID keyId : List.copyOf(seen.keySet())) {
            Instant at = seen.remove(keyId);
            if (at != null) {
                uses.add(new KeysUsed.KeyUse(keyId, at));
            }
        }
        KeysUsed event = new KeysUsed(Ids.newId(), uses);
        return publisher.publish(CloudEvents.build(event.reportId(), "gateway", KeysUsed.TYPE, event.subject(), null,
                        OffsetDateTime.now(ZoneOffset.UTC), bytes(event)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Key usage report not confirmed (%s); it is retried with the next one", failure.getMessage());
                    uses.forEach(use -> seen.merge(use.keyId(), use.lastUsedAt(), (a, b) -> a.isAfter(b) ? a : b));
                    return Uni.createFrom().voidItem();
                });
    }

    private byte[] bytes(KeysUsed event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
