package io.tollgate.gateway.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.platform.Hashes;
import io.tollgate.gateway.internal.usage.KeyUsageReporter;
import io.tollgate.keys.api.KeyIndexEntry;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates {@code /v1} callers by API key: {@code Authorization: Bearer tgk_…} or, for Azure-style clients,
 * {@code api-key: tgk_…}. The key's SHA-256 is looked up in a near cache of a few seconds, then in the Redis key
 * index. Unknown, revoked and expired keys answer the same 401; an index that does not answer, for a key not in
 * the near cache, answers 503 — never 401, since the key may well be valid.
 *
 * <p>A busy key never waits for Redis: once its entry is {@code key-cache-ttl} old, the next request still uses
 * it while one lookup (shared by all concurrent requests) refreshes it; an entry nobody used for twice that
 * long is dropped. A revoked key therefore stops within about two TTLs plus the index's own propagation. When the
 * index does not answer in time (Redis down, or its answer stuck behind a saturated event loop), the last answer
 * it gave within {@code key-stale-limit} is used rather than failing every request in flight.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class KeyAuthenticator {

    static final String INFERENCE = "inference";
    private static final String BEARER = "Bearer ";

    private final ReactiveValueCommands<String, String> index;
    private final ObjectMapper json;
    private final Clock clock;
    private final GatewayConfig config;
    private final AsyncLoadingCache<String, Optional<KeyIndexEntry>> nearCache;
    private final Cache<String, Optional<KeyIndexEntry>> lastKnown;
    private final KeyUsageReporter usage;

    public KeyAuthenticator(ReactiveRedisDataSource redis, ObjectMapper json, Clock clock, GatewayConfig config,
            KeyUsageReporter usage) {
        this.usage = usage;
        this.index = redis.value(String.class);
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.nearCache = Caffeine.newBuilder()
                .refreshAfterWrite(config.keyCacheTtl())
                .expireAfterWrite(config.keyCacheTtl().multipliedBy(2))
                .maximumSize(config.keyCacheSize())
                .buildAsync((hash, executor) -> lookup(hash).subscribeAsCompletionStage());
        this.lastKnown = Caffeine.newBuilder().expireAfterWrite(config.keyStaleLimit()).maximumSize(config.keyCacheSize()).build();
    }

    public Uni<Caller> authenticate(String authorization, String apiKeyHeader) {
        String secret = secret(authorization, apiKeyHeader);
        if (secret == null) {
            return Uni.createFrom().failure(new TollgateException(ErrorKind.UNAUTHORIZED,
                    "Missing API key: send it as 'Authorization: Bearer tgk_…'", Map.of(), "invalid_api_key", null));
        }
        String hash = Hashes.sha256Hex(secret);
        var entry = nearCache.get(hash);
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return Uni.createFrom().item(() -> caller(entry.join())); // the hot path: no Redis, no hop
        }
        return Uni.createFrom().completionStage(entry)
                .onFailure().recoverWithUni(failure -> lastKnown(hash))
                .map(this::caller);
    }

    private Uni<Optional<KeyIndexEntry>> lookup(String hash) {
        return index.get(KeyIndexEntry.redisKey(hash)).ifNoItem().after(config.keyLookupTimeout()).fail()
                .map(this::parse)
                .invoke(found -> lastKnown.put(hash, found));
    }

    /** What the index last said of the key, when it does not answer now; 503 when it never did (recently). */
    private Uni<Optional<KeyIndexEntry>> lastKnown(String hash) {
        Optional<KeyIndexEntry> known = lastKnown.getIfPresent(hash);
        return known != null ? Uni.createFrom().item(known) : Uni.createFrom().failure(new TollgateException(
                ErrorKind.UNAVAILABLE, "The key index is unavailable; retry shortly", Map.of(), "service_unavailable", null));
    }

    private Caller caller(Optional<KeyIndexEntry> found) {
        KeyIndexEntry entry = found.filter(e -> e.expiresAt() == null || e.expiresAt().isAfter(clock.instant()))
                .orElseThrow(KeyAuthenticator::invalidKey);
        if (!entry.allows(INFERENCE)) {
            throw new TollgateException(ErrorKind.FORBIDDEN, "This API key has no inference scope", Map.of(),
                    "insufficient_scope", null);
        }
        usage.used(entry.keyId());
        return new Caller(entry.keyId(), entry.orgId(), entry.projectId());
    }

    private Optional<KeyIndexEntry> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, KeyIndexEntry.class));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable key index entry", e);
        }
    }

    private static String secret(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            return token.isEmpty() ? null : token;
        }
        return apiKeyHeader == null || apiKeyHeader.isBlank() ? null : apiKeyHeader.strip();
    }

    private static TollgateException invalidKey() {
        return new TollgateException(ErrorKind.UNAUTHORIZED, "Incorrect API key provided", Map.of(), "invalid_api_key", null);
    }

}
