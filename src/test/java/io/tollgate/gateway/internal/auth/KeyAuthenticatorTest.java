package io.tollgate.gateway.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.usage.KeyUsageReporter;
import io.tollgate.keys.api.KeyIndexEntry;
import io.tollgate.platform.Hashes;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.testing.RedisProxy;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key near cache against a real Redis that a test cuts off: the last answer stands in, an unknown key is 503. */
@QuarkusTest
class KeyAuthenticatorTest {

    @Inject
    Vertx vertx;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    KeyUsageReporter usage;

    @Test
    void whenTheIndexStopsAnsweringItsLastAnswerStandsInAndUnknownKeysAre503() throws Exception {
        String secret = "tgk_" + UUID.randomUUID().toString().replace("-", "");
        KeyIndexEntry entry = new KeyIndexEntry(UUID.randomUUID(), UUID.randomUUID(), null, List.of("inference"), null);
        redis.value(String.class).setex(KeyIndexEntry.redisKey(Hashes.sha256Hex(secret)), 60, json.writeValueAsString(entry))
                .await().indefinitely();

        RedisProxy proxy = new RedisProxy(vertx.getDelegate()).start();
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + proxy.port()));
        try {
            KeyAuthenticator keys = new KeyAuthenticator(new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)),
                    json, Clock.systemUTC(), config(), usage);
            assertThat(keys.authenticate("Bearer " + secret, null).await().atMost(Duration.ofSeconds(5)).keyId())
                    .isEqualTo(entry.keyId());

            proxy.stop();
            Thread.sleep(500); // past twice the cache TTL: the entry itself has expired
            assertThat(keys.authenticate("Bearer " + secret, null).await().atMost(Duration.ofSeconds(5)).keyId())
                    .as("the index's last answer").isEqualTo(entry.keyId());
            assertThatThrownBy(() -> keys.authenticate("Bearer tgk_never-seen-before", null).await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        } finally {
            client.close();
            proxy.stop();
        }
    }

    private static GatewayConfig config() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withDefaultValue("tollgate.gateway.key-cache-ttl", "100ms")
                .withDefaultValue("tollgate.gateway.key-lookup-timeout", "200ms")
                .withDefaultValue("tollgate.gateway.key-usage-report-interval", "5s")
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
