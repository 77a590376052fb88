package io.tollgate.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.CredentialDecryptor;
import io.tollgate.catalog.api.DeploymentPrice;
import io.tollgate.catalog.api.EncryptedCredential;
import io.tollgate.catalog.api.ModelRoute;
import io.tollgate.catalog.api.RedisSnapshotSource;
import io.tollgate.catalog.api.RoutingSnapshot;
import io.tollgate.catalog.api.RoutingSnapshotKeys;
import io.tollgate.catalog.api.RoutingSnapshotReader;
import io.tollgate.catalog.api.SnapshotSource;
import io.tollgate.catalog.internal.application.SnapshotProjection;
import io.tollgate.platform.crypto.EnvelopeCipher;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The gateway's view of the catalog: every change reaches Redis through outbox, broker and projector, the
 * reader swaps whole snapshots, and keeps its last one while Redis is away. Credentials travel encrypted.
 */
@QuarkusTest
class CatalogSnapshotTest {

    @Inject
    RoutingSnapshotReader reader;

    @Inject
    RedisAPI redis;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    CredentialDecryptor decryptor;

    @Inject
    @ReactiveDataSource("catalog")
    Pool catalog;

    @Inject
    SnapshotProjection projection;

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void catalogChangesReachTheGatewaySnapshotWithCredentialsEncrypted() throws Exception {
        String secret = "sk-snapshot-" + UUID.randomUUID();
        String provider = given().contentType("application/json")
                .body(CatalogProviderApiTest.provider(Unique.slug("snap"), null, "https://" + TestDns.PUBLIC_HOST + "/v1", secret))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        String name = Unique.slug("snap-model");
        String model = given().contentType("application/json").body(CatalogModelApiTest.model(name, null, null, provider))
                .post("/admin/v1/models").then().statusCode(201).extract().path("id");

        ModelRoute route = awaitRoute(name, r -> true);
        RoutingSnapshot first = reader.current().orElseThrow();
        assertThat(route.deployments()).singleElement().satisfies(d -> {
            assertThat(d.baseUrl()).isEqualTo("https://" + TestDns.PUBLIC_HOST + "/v1");
            assertThat(d.providerId()).hasToString(provider);
            assertThat(decryptor.decrypt(d.providerId(), d.credential()).apiKey()).isEqualTo(secret);
        });
        String stored = redis.get(io.tollgate.catalog.api.RoutingSnapshotKeys.version(first.version()))
                .await().indefinitely().toString();
        assertThat(stored).contains(name).doesNotContain(secret);

        given().contentType("application/json").body("{\"strategy\":\"lowest-latency\"}")
                .patch("/admin/v1/models/" + model).then().statusCode(200);
        awaitRoute(name, r -> r.strategy().apiName().equals("lowest-latency"));
        assertThat(reader.current().orElseThrow().version()).isGreaterThan(first.version());
        assertThat(first.models().get(name).strategy().apiName()).isEqualTo("weighted"); // the old snapshot is untouched

        Instant later = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given().contentType("application/json").body("{\"inputPer1M\":\"2.50\",\"outputPer1M\":\"10\",\"currency\":\"USD\"}")
                .post("/admin/v1/models/" + model + "/prices").then().statusCode(201);
        given().contentType("application/json").body("{\"inputPer1M\":\"0.0000001\",\"outputPer1M\":\"5\",\"currency\":\"USD\","
                + "\"effectiveFrom\":\"" + later + "\"}").post("/admin/v1/models/" + model + "/prices").then().statusCode(201);
        ModelRoute priced = awaitRoute(name, r -> r.deployments().getFirst().prices().size() == 2);
        assertThat(priced.deployments().getFirst().prices()).as("in micros per million tokens; the future one rounded up")
                .extracting(DeploymentPrice::inputMicrosPer1M, DeploymentPrice::outputMicrosPer1M, DeploymentPrice::effectiveFrom)
                .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(1L, 5_000_000L, later));
        assertThat(priced.deployments().getFirst().priceAt(Instant.now())).extracting(DeploymentPrice::inputMicrosPer1M,
                DeploymentPrice::cachedInputMicrosPer1M, DeploymentPrice::currency)
                .containsExactly(2_500_000L, 2_500_000L, "USD");

        given().delete("/admin/v1/models/" + model).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            reader.refresh().await().indefinitely();
            return !reader.current().orElseThrow().models().containsKey(name);
        });
    }

    @Test
    void pointerAheadOfTheCatalogIsReplacedAsAfterADatabaseRestore() {
        long revision = catalog.query("SELECT revision FROM catalog_revision").execute().await().indefinitely()
                .iterator().next().getLong(0);
        String orphan = String.valueOf(revision + 1_000_000);
        redis.set(java.util.List.of(RoutingSnapshotKeys.CURRENT, orphan)).await().indefinitely();
        assertThat(projection.rebuild().await().atMost(Duration.ofSeconds(10))).isEqualTo(revision);
        assertThat(redis.get(RoutingSnapshotKeys.CURRENT).await().indefinitely()).hasToString(String.valueOf(revision));

        // Rebuilt again, nothing moves: Redis holds this catalog's latest revision, which the gateway follows.
        assertThat(projection.rebuild().await().atMost(Duration.ofSeconds(10))).isEqualTo(revision);
        reader.refresh().await().indefinitely();
        assertThat(reader.current().orElseThrow().version()).isEqualTo(revision);
    }

    @Test
    void readerKeepsItsLastSnapshotWhileRedisIsUnavailable() {
        RedisAPI unreachable = RedisAPI.api(Redis.createClient(vertx, new RedisOptions()
                .setConnectionString("redis://127.0.0.1:1")));
        AtomicReference<SnapshotSource> source = new AtomicReference<>(new RedisSnapshotSource(redis));
        SnapshotSource switchable = new SnapshotSource() {
            @Override
            public Uni<String> currentVersion() {
                return source.get().currentVersion();
            }

            @Override
            public Uni<String> snapshotJson(String version) {
                return source.get().snapshotJson(version);
            }
        };
        RoutingSnapshotReader gateway = new RoutingSnapshotReader(switchable, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.refresh().await().indefinitely() || gateway.current().isPresent());
        RoutingSnapshot held = gateway.current().orElseThrow();

        source.set(new RedisSnapshotSource(unreachable));
        assertThat(gateway.refresh().await().atMost(Duration.ofSeconds(10))).isFalse();
        assertThat(gateway.current()).containsSame(held);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void rotationReencryptsUnderTheActiveKeyAndTheCredentialStillDecrypts() {
        String secret = "sk-rotate-" + UUID.randomUUID();
        String provider = given().contentType("application/json")
                .body(CatalogProviderApiTest.provider(Unique.slug("rot"), null, "https://" + TestDns.PUBLIC_HOST, secret))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        UUID id = UUID.fromString(provider);
        // As if written before the rotation: sealed under the retired key.
        EnvelopeCipher retired = EnvelopeCipher.fromBase64("test", "local-retired", Map.of("local-retired",
                ConfigProvider.getConfig().getValue("tollgate.catalog.kek.keys.local-retired", String.class)));
        var sealed = retired.seal(("{\"apiKey\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8),
                CredentialDecryptor.associatedData(id));
        catalog.preparedQuery("UPDATE providers SET credential_key_id = $2, credential_wrapped_key = $3, credential_nonce = $4, credential_ciphertext = $5 WHERE id = $1")
                .execute(Tuple.of(id, sealed.keyId(), io.vertx.core.buffer.Buffer.buffer(sealed.wrappedKey()),
                        io.vertx.core.buffer.Buffer.buffer(sealed.nonce()), io.vertx.core.buffer.Buffer.buffer(sealed.ciphertext())))
                .await().indefinitely();
        assertThat(decryptor.decrypt(id, stored(id)).apiKey()).isEqualTo(secret);

        given().post("/admin/v1/credential-rotations").then().statusCode(200)
                .body("activeKeyId", org.hamcrest.Matchers.equalTo("local-dev-only"))
                .body("reencrypted", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        EncryptedCredential rotated = stored(id);
        assertThat(rotated.keyId()).isEqualTo("local-dev-only");
        assertThat(rotated.ciphertext()).isNotEqualTo(Base64.getEncoder().encodeToString(sealed.ciphertext()));
        assertThat(decryptor.decrypt(id, rotated).apiKey()).isEqualTo(secret);
        given().post("/admin/v1/credential-rotations").then().statusCode(200).body("reencrypted", org.hamcrest.Matchers.equalTo(0));
    }

    private EncryptedCredential stored(UUID id) {
        var row = catalog.preparedQuery("SELECT credential_key_id, credential_wrapped_key, credential_nonce, credential_ciphertext FROM providers WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedCredential(row.getString("credential_key_id"),
                base64.encodeToString(row.getBuffer("credential_wrapped_key").getBytes()),
                base64.encodeToString(row.getBuffer("credential_nonce").getBytes()),
                base64.encodeToString(row.getBuffer("credential_ciphertext").getBytes()));
    }

    private ModelRoute awaitRoute(String name, java.util.function.Predicate<ModelRoute> wanted) {
        AtomicReference<ModelRoute> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            reader.refresh().await().indefinitely();
            ModelRoute route = reader.current().map(s -> s.models().get(name)).orElse(null);
            found.set(route);
            return route != null && wanted.test(route);
        });
        return found.get();
    }
}
