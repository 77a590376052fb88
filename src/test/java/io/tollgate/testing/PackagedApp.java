package io.tollgate.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) running as a
 * child process with the test profile's runtime settings, on a port of its own; its output goes to
 * {@code target/<name>.log}. For tests about whole processes: a crash, a pause, several replicas.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Each context's datasource, given a small pool: children share PostgreSQL's 100 connections with the tests. */
    private static final List<String> DATASOURCES = List.of("identity", "audit", "keys", "catalog", "quota", "metering");
    private static final int POOL_SIZE = 4;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private PackagedApp(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static boolean packaged() {
        return Files.isRegularFile(JAR);
    }

    /** Starts the jar with {@code config} as system properties and {@code env} added to this process's environment. */
    public static PackagedApp start(String name, Map<String, String> config, Map<String, String> env) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port));
        DATASOURCES.forEach(datasource -> command.add("-Dquarkus.datasource." + datasource + ".reactive.max-size=" + POOL_SIZE));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // even if the test JVM is ended
        return new PackagedApp(name, process, port, log);
    }

    /** Waits until {@code /ready} answers 200; fails early, with the end of the log, if the process dies. */
    public PackagedApp awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (HTTP.send(request("/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail());
    }

    /** The value of one Prometheus sample of {@code /metrics} (its name with labels, as exported); 0 when absent. */
    public double metric(String sample) throws Exception {
        String metrics = HTTP.send(request("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim().split("\\s")[0])) // before any exemplar
                .orElse(0.0);
    }

    /** Freezes the process (SIGSTOP): it keeps its sockets and does nothing more. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker or the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
