package io.tollgate.quota.internal.enforcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.api.QuotaSubject;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.ProjectedBudget;
import io.tollgate.quota.internal.domain.ProjectedLimits;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.quota.internal.domain.SubjectDefinitions;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The near cache of definitions: one {@code MGET} of a subject's org, project and key limits and budget, reused
 * for {@code definitionCacheTtl}. Entries outlive that freshness (for ten minutes) so that, with Redis down, the
 * local limiter still knows the last limits it saw.
 */
final class DefinitionCache {

    private record Entry(SubjectDefinitions definitions, Instant readAt) {
    }

    private record SubjectKey(UUID orgId, UUID projectId, UUID keyId) {
    }

    private final Redis redis;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration freshness;
    private final Duration timeout;
    private final Cache<SubjectKey, Entry> entries;

    DefinitionCache(Redis redis, ObjectMapper json, Clock clock, GateSettings settings) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.freshness = settings.definitionCacheTtl();
        this.timeout = settings.redisTimeout();
        this.entries = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10))
                .maximumSize(settings.definitionCacheSize()).build();
    }

    /** Fresh definitions, from the cache or from Redis; fails when Redis does not answer in time. */
    Uni<SubjectDefinitions> get(QuotaSubject subject) {
        SubjectKey key = new SubjectKey(subject.orgId(), subject.projectId(), subject.keyId());
        Entry cached = entries.getIfPresent(key);
        if (cached != null && cached.readAt().plus(freshness).isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.definitions());
        }
        Request mget = Request.cmd(Command.MGET)
                .arg(QuotaKeys.limits(subject.orgId(), LimitLevel.ORG, subject.orgId()))
                .arg(QuotaKeys.limits(subject.orgId(), LimitLevel.PROJECT, subject.projectId()))
                .arg(QuotaKeys.limits(subject.orgId(), LimitLevel.KEY, subject.keyId()))
                .arg(QuotaKeys.budget(subject.orgId()));
        return redis.send(mget).ifNoItem().after(timeout).fail().map(this::parse)
                .invoke(definitions -> entries.put(key, new Entry(definitions, clock.instant())));
    }

    /** The last definitions seen for this subject, however old, for the local limiter. */
    SubjectDefinitions lastKnown(QuotaSubject subject) {
        Entry cached = entries.getIfPresent(new SubjectKey(subject.orgId(), subject.projectId(), subject.keyId()));
        return cached == null ? SubjectDefinitions.NONE : cached.definitions();
    }

    private SubjectDefinitions parse(Response values) {
        return new SubjectDefinitions(read(values.get(0), ProjectedLimits.class),
                read(values.get(1), ProjectedLimits.class), read(values.get(2), ProjectedLimits.class),
                read(values.get(3), ProjectedBudget.class));
    }

    private <T> T read(Response value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value.toString(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable quota definition", e);
        }
    }
}
