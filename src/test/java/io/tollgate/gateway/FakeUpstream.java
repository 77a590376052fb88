package io.tollgate.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A controllable OpenAI-compatible provider for gateway tests (DESIGN.md §8: it stands in for a provider, not for
 * Tollgate's infrastructure). Each test registers a provider at its own base path ({@link #tenant()}) and queues
 * what the next calls get: JSON, a stream (with delays), a stall, a cut, an error. It records every request it
 * received and every call the gateway cancelled (connection closed before the answer ended).
 */
final class FakeUpstream implements AutoCloseable {

    /** What one call gets. */
    @FunctionalInterface
    interface Behaviour {
        void answer(HttpServerRequest request, Buffer body, Vertx vertx);
    }

    /** A request as the provider received it. */
    record Received(String path, Map<String, String> headers, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    FakeUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A new, isolated provider endpoint of this server. */
    Tenant tenant() {
        Tenant tenant = new Tenant("t" + tenants.size() + "x" + Long.toHexString(System.nanoTime()));
        tenants.put(tenant.id, tenant);
        return tenant;
    }

    private void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 3);
        Tenant tenant = parts.length > 1 ? tenants.get(parts[1]) : null;
        if (tenant == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            tenant.received.add(new Received(request.uri().substring(tenant.id.length() + 1), headers, body.toString()));
            request.response().closeHandler(closed -> tenant.cancelled.add(Instant.now()));
            Behaviour next = tenant.script.poll();
            (next != null ? next : tenant.fallback).answer(request, body, vertx);
        });
    }

    @Override
    public void close() {
        vertx.close();
    }

    int port() {
        return server.actualPort();
    }

    /** One provider endpoint: base URL {@code http://127.0.0.1:<port>/<id>/v1}. */
    final class Tenant {
        final String id;
        final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
        final List<Received> received = new CopyOnWriteArrayList<>();
        final List<Instant> cancelled = new CopyOnWriteArrayList<>();
        volatile Behaviour fallback = json(200, completion("fallback answer", 5, 2));

        Tenant(String id) {
            this.id = id;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port() + "/" + id + "/v1";
        }

        Tenant then(Behaviour behaviour) {
            script.add(behaviour);
            return this;
        }

        Tenant always(Behaviour behaviour) {
            fallback = behaviour;
            return this;
        }
    }

    // --- behaviours -------------------------------------------------------------------------------------------

    static Behaviour json(int status, String body, String... headers) {
        return (request, received, vertx) -> {
            HttpServerResponse response = request.response().setStatusCode(status).putHeader("content-type", "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                response.putHeader(headers[i], headers[i + 1]);
            }
            response.end(body);
        };
    }

    /** Answers as {@code behaviour} after {@code delay}. */
    static Behaviour delayed(Duration delay, Behaviour behaviour) {
        return (request, received, vertx) -> vertx.setTimer(delay.toMillis(), timer -> behaviour.answer(request, received, vertx));
    }

    /** Streams {@code frames} (each a full SSE event without the blank line), {@code gap} apart; ends normally. */
    static Behaviour stream(Duration gap, List<String> frames) {
        return streamThen(gap, frames, false);
    }

    /** Streams {@code frames} then drops the connection without ending the response. */
    static Behaviour cutAfter(Duration gap, List<String> frames) {
        return streamThen(gap, frames, true);
    }

    private static Behaviour streamThen(Duration gap, List<String> frames, boolean cut) {
        return (request, received, vertx) -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            response.write("");
            writeFrom(vertx, response, request, frames, 0, gap, cut);
        };
    }

    private static void writeFrom(Vertx vertx, HttpServerResponse response, HttpServerRequest request, List<String> frames,
            int index, Duration gap, boolean cut) {
        if (response.closed()) {
            return;
        }
        if (index == frames.size()) {
            if (cut) {
                request.connection().close();
            } else {
                response.end();
            }
            return;
        }
        response.write(frames.get(index) + "\n\n");
        if (gap.isZero()) {
            writeFrom(vertx, response, request, frames, index + 1, gap, cut);
        } else {
            vertx.setTimer(gap.toMillis(), t -> writeFrom(vertx, response, request, frames, index + 1, gap, cut));
        }
    }

    /**
     * Writes {@code count} chunks as fast as the connection takes them (waiting whenever its write queue is full),
     * counting in {@code written} how many it got out: while nobody reads downstream, that count stops growing.
     */
    static Behaviour flood(int count, String payload, java.util.concurrent.atomic.AtomicInteger written) {
        return (request, received, vertx) -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            floodFrom(response, count, chunk(payload), written);
        };
    }

    private static void floodFrom(HttpServerResponse response, int count, String frame,
            java.util.concurrent.atomic.AtomicInteger written) {
        while (written.get() < count && !response.writeQueueFull() && !response.closed()) {
            response.write(frame + "\n\n");
            written.incrementAndGet();
        }
        if (response.closed()) {
            return;
        }
        if (written.get() == count) {
            response.end(finish() + "\n\n" + usageChunk(1, count) + "\n\n" + done() + "\n\n");
            return;
        }
        response.drainHandler(drained -> floodFrom(response, count, frame, written));
    }

    /** Never answers: no status line, no headers. */
    static Behaviour hang() {
        return (request, received, vertx) -> { };
    }

    // --- OpenAI payloads ---------------------------------------------------------------------------------------

    static String completion(String content, int prompt, int completion) {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"up-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":"
                + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    static String chunk(String content) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"up-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
                + "\"},\"finish_reason\":null}]}";
    }

    static String finish() {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"up-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    }

    static String usageChunk(int prompt, int completion) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"up-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    static String done() {
        return "data: [DONE]";
    }

    static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }
}
