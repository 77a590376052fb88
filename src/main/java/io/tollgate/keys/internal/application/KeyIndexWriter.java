package io.tollgate.keys.internal.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tollgate.keys.api.KeyIndexEntry;
import io.tollgate.keys.internal.persistence.ApiKeyRepository.IndexedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the key index the gateway reads: {@code tg:keys:<sha256>} → {@link KeyIndexEntry} for every usable
 * secret, removed for every other. An entry expires with its secret; entries without an expiry have no TTL
 * (documented exception to the TTL rule): the index is rebuilt from the database at every worker start.
 */
@ApplicationScoped
public class KeyIndexWriter {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;

    public KeyIndexWriter(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.json = json;
    }

    public Uni<Void> write(List<IndexedSecret> secrets, Instant now) {
        return Multi.createFrom().iterable(secrets).onItem().transformToUniAndConcatenate(secret -> write(secret, now))
                .collect().last().replaceWithVoid();
    }

    /** Writes every usable secret and deletes every other {@code tg:keys:*} entry. */
    public Uni<Void> rebuild(List<IndexedSecret> secrets, Instant now) {
        Set<String> wanted = secrets.stream().filter(s -> s.entry() != null)
                .map(s -> KeyIndexEntry.redisKey(s.secretHash())).collect(Collectors.toSet());
        return write(secrets, now).flatMap(v -> keys.scan(new KeyScanArgs().match(KeyIndexEntry.PREFIX + "*").count(500))
                .toMulti().filter(key -> !wanted.contains(key))
                .onItem().transformToUniAndConcatenate(keys::del)
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> write(IndexedSecret secret, Instant now) {
        String key = KeyIndexEntry.redisKey(secret.secretHash());
        KeyIndexEntry entry = secret.entry();
        if (entry == null) {
            return keys.del(key).replaceWithVoid();
        }
        SetArgs args = new SetArgs();
        if (entry.expiresAt() != null) {
            args.pxAt(entry.expiresAt());
        }
        return values.set(key, toJson(entry), args);
    }

    private String toJson(KeyIndexEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
