package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.TestKeys;
import io.tollgate.testing.Unique;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes sharing one Redis, PostgreSQL and RabbitMQ (docs/quotas.md, accuracy across replicas):
 * the packaged application ({@code target/quarkus-app}, or the native executable with -Pnative, built by
 * {@code package} before failsafe runs this) is started twice as child JVMs on ports of their own, with the test profile's configuration and the environment's
 * Redis database and RabbitMQ virtual host. The model is served by the in-process simulator, so no upstream is
 * needed. A burst of 10 × L concurrent requests split over both admits exactly L. The replicas use the local
 * services (scripts/services-up), as {@code TOLLGATE_TEST_SERVICES=local} does.
 */
class GatewayReplicasIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The executable of a native build (-Pnative), which failsafe names; the jar otherwise. */
    private static final java.util.Optional<Path> NATIVE = java.util.Optional.ofNullable(System.getProperty("native.image.path"))
            .map(Path::of).filter(java.nio.file.Files::isExecutable);
    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern DEGRADED = Pattern.compile("(?m)^tollgate_quota_degraded_total(?:\\{[^}]*})? (\\S+)$");
    private static final List<Replica> REPLICAS = new ArrayList<>();
    private static final List<String> CONTEXTS = List.of("identity", "keys", "catalog", "quota", "metering", "audit");

    /** A child JVM running the packaged application on {@code port}; its log goes to target/. */
    private record Replica(Process process, int port) {

        static Replica start(String name) throws IOException {
            int port = freePort();
            // A busy test machine must not push a replica into local decisions: exactness is under test.
            List<String> properties = new ArrayList<>(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + port,
                    "-Dtollgate.quota.redis-timeout=5s"));
            TestKeys.config().forEach((key, value) -> properties.add("-D" + key + "=" + value));
            // Two applications at once on PostgreSQL's 100 connections (shared with other test runs): small pools.
            CONTEXTS.forEach(context -> properties.add("-Dquarkus.datasource." + context + ".reactive.max-size=3"));
            List<String> command = new ArrayList<>();
            if (NATIVE.isPresent()) {
                command.add(NATIVE.get().toString());
                command.addAll(properties);
            } else {
                command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
                command.addAll(properties);
                command.addAll(List.of("-jar", JAR.toString()));
            }
            Path log = Path.of("target", "replica-" + name + ".log");
            return new Replica(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), port);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        assertThat(NATIVE.orElse(JAR)).as("the packaged application (mvn package runs before failsafe)").exists();
        // One after the other: the second starts on migrated databases and does not compete for connections.
        for (String name : List.of("a", "b")) {
            Replica replica = Replica.start(name);
            REPLICAS.add(replica);
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("replica " + name + " exited; see target/replica-" + name + ".log", () -> !replica.process().isAlive())
                    .until(() -> get(replica, "/ready", null).statusCode() == 200);
        }
        // This JVM is not a Quarkus application: Accounts reads the identity database's settings from here.
        Map<String, String> env = System.getenv();
        String password = env.getOrDefault("TOLLGATE_DB_PASSWORD", "tollgate-local");
        System.setProperty("quarkus.datasource.identity.jdbc.url", env.getOrDefault("QUARKUS_DATASOURCE_IDENTITY_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/tollgate_identity"));
        System.setProperty("quarkus.datasource.identity.username", "tollgate_identity");
        System.setProperty("quarkus.datasource.identity.password", password);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = REPLICAS.getFirst().port();
    }

    @AfterAll
    static void stopReplicas() throws InterruptedException {
        for (Replica replica : REPLICAS) {
            replica.stop();
        }
    }

    @Test
    void aBurstOfTenTimesTheLimitOverTwoReplicasAdmitsExactlyTheLimit() throws Exception {
        int limit = 10;
        Session root = Accounts.superadmin();
        UUID org = Accounts.org(root);
        String key = root.request().contentType("application/json").body(Map.of("name", "replicas", "scopes", List.of("inference")))
                .post("/admin/v1/orgs/" + org + "/keys").then().statusCode(201).extract().path("key");
        String keyId = root.request().get("/admin/v1/orgs/" + org + "/keys").then().statusCode(200).extract().path("items[0].id");
        String provider = root.request().contentType("application/json").body(Map.of("name", Unique.slug("sim"),
                        "type", "simulator", "extraHeaders", Map.of("x-simulator-ttft-ms", "0", "x-simulator-inter-token-ms", "0")))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        String model = Unique.slug("replicas");
        root.request().contentType("application/json").body(Map.of("name", model, "orgId", org.toString(),
                        "deployments", List.of(Map.of("provider", provider, "upstreamModel", "sim", "weight", 1, "priority", 0))))
                .post("/admin/v1/models").then().statusCode(201);
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", limit))
                .put("/admin/v1/orgs/" + org + "/keys/" + keyId + "/limits").then().statusCode(200);
        for (Replica replica : REPLICAS) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> get(replica, "/v1/models/" + model, key).statusCode() == 200);
        }
        double degradedBefore = degraded();

        String body = "{\"model\":\"" + model + "\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 10 * limit)
                .mapToObj(i -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create(REPLICAS.get(i % 2).url("/v1/chat/completions")))
                        .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(a -> a.statusCode() == 200).hasSize(limit);
        assertThat(answers).filteredOn(a -> a.statusCode() != 200).hasSize(9 * limit)
                .allSatisfy(a -> assertThat(a.body()).contains("rate_limit_exceeded"));
        assertThat(degraded()).as("every decision was Redis's, none local").isEqualTo(degradedBefore);
    }

    /** Local quota decisions of both replicas so far. */
    private static double degraded() throws IOException, InterruptedException {
        double total = 0;
        for (Replica replica : REPLICAS) {
            Matcher line = DEGRADED.matcher(get(replica, "/metrics", null).body());
            while (line.find()) {
                total += Double.parseDouble(line.group(1));
            }
        }
        return total;
    }

    private static HttpResponse<String> get(Replica replica, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.url(path))).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
