package io.tollgate.gateway.internal.upstream;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * The simulator's response: a body written frame by frame, each after its own delay, honouring pause and
 * resume like a network stream, and stopping its timer when cancelled (so a client that goes away stops the
 * simulated generation too). Used on one event loop only.
 */
final class SimulatedResponse implements UpstreamResponse, ReadStream<Buffer> {

    private final Vertx vertx;
    private final int status;
    private final String contentType;
    private final List<Buffer> frames;
    private final long[] delaysMs;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private int next;
    private boolean waited;
    private boolean paused = true;
    private long timer = -1;
    private boolean cancelled;

    private SimulatedResponse(Vertx vertx, int status, String contentType, List<Buffer> frames, long[] delaysMs) {
        this.vertx = vertx;
        this.status = status;
        this.contentType = contentType;
        this.frames = frames;
        this.delaysMs = delaysMs;
    }

    /** A complete JSON body, available at once. */
    static SimulatedResponse complete(int status, Buffer body) {
        return new SimulatedResponse(null, status, "application/json", List.of(body), new long[] {0});
    }

    /** Server-sent events, frame {@code i} written {@code delaysMs[i]} after the one before it. */
    static SimulatedResponse streaming(Vertx vertx, List<Buffer> frames, long[] delaysMs) {
        return new SimulatedResponse(vertx, 200, "text/event-stream", frames, delaysMs);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String header(String name) {
        return "content-type".equalsIgnoreCase(name) ? contentType : null;
    }

    @Override
    public ReadStream<Buffer> body() {
        return this;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this; // a simulated stream does not fail once it has started
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        emit();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return resume();
    }

    private void emit() {
        while (!cancelled && !paused && timer < 0 && next < frames.size()) {
            if (delaysMs[next] > 0 && !waited) {
                timer = vertx.setTimer(delaysMs[next], fired -> {
                    timer = -1;
                    waited = true;
                    emit();
                });
                return;
            }
            waited = false;
            handler.handle(frames.get(next++));
        }
        if (!cancelled && next == frames.size() && endHandler != null) {
            Handler<Void> end = endHandler;
            endHandler = null;
            end.handle(null);
        }
    }
}
