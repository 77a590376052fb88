package io.tollgate.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Hashes;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code Idempotency-Key} on creating POSTs: the first request with a key runs and its response is kept for 24 h
 * in Redis ({@code tg:platform:idempotency:<sha256>}); a retry with the same key and body gets that response
 * again ({@code idempotent-replayed: true}), one with another body 422, one while the first still runs 409.
 * Keys are scoped by caller and endpoint. When Redis is unreachable the request runs without the guarantee.
 */
@ApplicationScoped
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(IdempotentCreates.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Duration RETENTION = Duration.ofHours(24);

    /** What is kept per key: the body's hash, who claimed it, and the response once there is one. */
    @RegisterForReflection
    record Entry(String bodyHash, String claim, Integer status, String body, String location) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;

    public IdempotentCreates(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.json = json;
    }

    public Uni<Response> run(String key, String scope, String principal, Object request, Supplier<Uni<Response>> create) {
        if (key == null) {
            return create.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(TollgateException.invalid(Map.of(HEADER, "must be 1-255 visible ASCII characters")));
        }
        String redisKey = "tg:platform:idempotency:" + Hashes.sha256Hex(scope + '\n' + principal + '\n' + key);
        String bodyHash = Hashes.sha256Hex(write(request));
        String claim = java.util.UUID.randomUUID().toString();
        // SET NX: the first request's claim wins; every request then reads back which claim holds the key.
        return values.set(redisKey, write(new Entry(bodyHash, claim, null, null, null)), new SetArgs().nx().ex(RETENTION))
                .replaceWith(true)
                .flatMap(ignored -> values.get(redisKey))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Idempotency-Key not honoured, Redis is unavailable: %s", e.getMessage());
                    return null;
                })
                .flatMap(stored -> {
                    if (stored == null) {
                        return create.get();
                    }
                    Entry entry = read(stored);
                    if (!entry.bodyHash().equals(bodyHash)) {
                        return Uni.createFrom().failure(new TollgateException(ErrorKind.UNPROCESSABLE,
                                "This Idempotency-Key was used with a different request body"));
                    }
                    if (entry.status() != null) {
                        return Uni.createFrom().item(replay(entry));
                    }
                    return claim.equals(entry.claim()) ? first(redisKey, bodyHash, create)
                            : Uni.createFrom().failure(TollgateException.conflict("A request with this Idempotency-Key is in progress"));
                });
    }

    private Uni<Response> first(String redisKey, String bodyHash, Supplier<Uni<Response>> create) {
        return create.get()
                .call(response -> values.set(redisKey, write(new Entry(bodyHash, null, response.getStatus(),
                        write(response.getEntity()), response.getHeaderString("location"))), new SetArgs().ex(RETENTION))
                        .onFailure().recoverWithNull())
                .onFailure().call(e -> values.getdel(redisKey).onFailure().recoverWithNull());
    }

    private static Response replay(Entry entry) {
        Response.ResponseBuilder response = Response.status(entry.status()).type("application/json").entity(entry.body())
                .header("idempotent-replayed", "true");
        if (entry.location() != null) {
            response.header("location", entry.location());
        }
        return response.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Entry read(String stored) {
        try {
            return json.readValue(stored, Entry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable idempotency entry", e);
        }
    }

}
