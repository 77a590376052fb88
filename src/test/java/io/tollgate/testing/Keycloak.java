package io.tollgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak for the SSO tests (ADR 0018): the distribution that the Maven profile {@code keycloak} unpacks into
 * {@code target/} (system property {@code keycloak.home}), started in dev mode on 127.0.0.1 with a fresh data directory
 * and the realm {@code keycloak/tollgate-realm.json}, whose names carry a suffix new in every run (the Tollgate
 * databases outlive runs). Keycloak runs on the JDK running the tests. Points the {@code sso} tenant at the realm.
 */
public class Keycloak implements QuarkusTestResourceLifecycleManager {

    public static final String URL = "tollgate.test.keycloak.url";
    public static final String SUFFIX = "tollgate.test.keycloak.suffix";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private Process process;

    @Override
    public Map<String, String> start() {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null || !Files.isDirectory(Path.of(homeProperty))) {
            throw new IllegalStateException("No Keycloak distribution: run the SSO tests with the Maven profile keycloak (-Pkeycloak)");
        }
        Path home = Path.of(homeProperty).toAbsolutePath();
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        int port = freePort();
        try {
            prepareData(home, suffix);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm")
                    .redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            // JBoss Threads resets thread locals through java.lang internals on Java 24+.
            builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String realm = "http://127.0.0.1:" + port + "/realms/tollgate";
        awaitReady(realm + "/.well-known/openid-configuration", home.resolve("keycloak.log"));
        return Map.of("quarkus.oidc.sso.tenant-enabled", "true", "quarkus.oidc.sso.auth-server-url", realm,
                URL, realm, SUFFIX, suffix);
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh data directory (so that the realm is imported again) holding the realm of this run. */
    private static void prepareData(Path home, String suffix) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (InputStream template = Keycloak.class.getResourceAsStream("/keycloak/tollgate-realm.json")) {
            String realm = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("@SUFFIX@", suffix);
            Files.writeString(imports.resolve("tollgate-realm.json"), realm);
        }
    }

    private void awaitReady(String discovery, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(discovery)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
