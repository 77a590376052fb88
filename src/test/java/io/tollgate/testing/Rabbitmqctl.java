package io.tollgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The local broker's {@code rabbitmqctl}, for tests that stop it, give themselves a virtual host or read its queues. */
public final class Rabbitmqctl {

    private Rabbitmqctl() {
    }

    /** Whether {@code rabbitmqctl} is installed and controls a running local broker. */
    public static boolean available() {
        return run("status").exitCode() == 0;
    }

    /** Runs {@code rabbitmqctl args…}; exit code -1 when it is not installed or does not end within a minute. */
    public static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            return new Result(ended ? process.exitValue() : -1, new String(output, StandardCharsets.UTF_8));
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs a command that must succeed. */
    public static String require(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + result.output());
        }
        return result.output();
    }

    /** A queue's depth as the broker counts it. */
    public record QueueCounts(long ready, long unacknowledged, int consumers) {
    }

    /** The counts of {@code queue} in {@code vhost}. */
    public static QueueCounts queue(String vhost, String queue) {
        QueueCounts counts = queues(vhost).get(queue);
        if (counts == null) {
            throw new IllegalStateException("no queue " + queue + " in vhost " + vhost);
        }
        return counts;
    }

    /** The counts of every queue in {@code vhost}, by name. */
    public static Map<String, QueueCounts> queues(String vhost) {
        String output = require("list_queues", "-q", "--no-table-headers", "-p", vhost, "name", "messages_ready",
                "messages_unacknowledged", "consumers");
        Map<String, QueueCounts> queues = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 4) {
                queues.put(cells[0], new QueueCounts(Long.parseLong(cells[1]), Long.parseLong(cells[2]),
                        Integer.parseInt(cells[3])));
            }
        }
        return queues;
    }

    /** The result of one command. */
    public record Result(int exitCode, String output) {
    }
}
