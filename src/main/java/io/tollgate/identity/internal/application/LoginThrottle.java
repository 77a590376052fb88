package io.tollgate.identity.internal.application;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Hashes;
import io.tollgate.identity.internal.domain.EmailAddress;
import io.tollgate.platform.error.TollgateException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per account and per client address in Redis over a fixed window; past a limit, logins
 * answer 429 until the window ends. Keys: {@code tg:identity:login-failures:{account|address}:<sha256>}, with
 * the window as TTL. When Redis is unreachable, logins are not throttled (and a warning is logged).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final String PREFIX = "tg:identity:login-failures:";

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final AuthConfig.Throttle config;

    public LoginThrottle(ReactiveRedisDataSource redis, AuthConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config.throttle();
    }

    /** Fails with 429 when the account or the address is over its limit. */
    public Uni<Void> check(String email, String address) {
        return Uni.combine().all().unis(overLimit(accountKey(email), config.perAccount()),
                overLimit(addressKey(address), config.perAddress()))
                .with((account, byAddress) -> Math.max(account, byAddress))
                .onFailure().recoverWithItem(this::unthrottled)
                .flatMap(retryAfter -> retryAfter > 0 ? Uni.createFrom().failure(throttled(retryAfter)) : Uni.createFrom().voidItem());
    }

    public Uni<Void> recordFailure(String email, String address) {
        return Uni.combine().all().unis(increment(accountKey(email)), increment(addressKey(address))).discardItems()
                .onFailure().recoverWithItem(e -> {
                    unthrottled(e);
                    return null;
                });
    }

    public Uni<Void> recordSuccess(String email) {
        return keys.del(accountKey(email)).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Seconds until the key's window ends when it is at or over {@code limit}, 0 otherwise. */
    private Uni<Long> overLimit(String key, int limit) {
        return counters.get(key).flatMap(count -> count == null || count < limit
                ? Uni.createFrom().item(0L)
                : keys.ttl(key).map(ttl -> Math.max(1L, ttl)));
    }

    private Uni<Void> increment(String key) {
        return counters.incr(key).flatMap(count -> count == 1 ? keys.expire(key, config.window()).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    private long unthrottled(Throwable failure) {
        LOG.warnf("Login throttling is unavailable (Redis): %s", failure.getMessage());
        return 0L;
    }

    static TollgateException throttled(long retryAfterSeconds) {
        return TollgateException.rateLimited("Too many failed logins; try again in " + retryAfterSeconds + " s",
                "login_throttled", retryAfterSeconds);
    }

    private static String accountKey(String email) {
        return PREFIX + "account:" + Hashes.sha256Hex(EmailAddress.normalise(String.valueOf(email)));
    }

    private static String addressKey(String address) {
        return PREFIX + "address:" + Hashes.sha256Hex(String.valueOf(address));
    }

}
