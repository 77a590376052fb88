package io.tollgate.gateway.internal.relay;

import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.provider.StreamTranslator;
import io.tollgate.gateway.internal.upstream.UpstreamResponse;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Relays a provider's event stream to the client as it arrives (DESIGN.md §5): each upstream event is
 * translated and written at once, nothing is buffered beyond one event, and when the client reads slower than
 * the provider writes, the provider is paused until the client drains. While the provider is silent, a
 * {@code :} comment keeps proxies from closing the stream; silence beyond the idle timeout, or a call beyond
 * its total timeout, ends it. A stream that breaks after its first byte ends with an OpenAI error frame, never
 * a silent end and never an invented {@code finish_reason}.
 */
@ApplicationScoped
public class StreamRelay {

    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    private final Vertx vertx;
    private final long keepAliveNanos;
    private final int maxEventBytes;

    public StreamRelay(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.keepAliveNanos = config.streaming().keepAliveInterval().toNanos();
        this.maxEventBytes = (int) Math.min(Integer.MAX_VALUE, config.streaming().maxEventSize().asLongValue());
    }

    /** Starts relaying; the exchange finishes when the stream ends, in whatever way. */
    void relay(Exchange exchange, UpstreamResponse upstream, StreamTranslator translator) {
        new Relay(exchange, upstream, translator).start();
    }

    private final class Relay {
        private final Exchange exchange;
        private final UpstreamResponse upstream;
        private final StreamTranslator translator;
        private final HttpServerResponse out;
        private final SseParser parser;
        private final long idleNanos;
        private final long totalNanos;
        private long lastUpstreamNanos = System.nanoTime();
        private long lastWriteNanos = System.nanoTime();
        private long ticker = -1;
        private boolean over;

        Relay(Exchange exchange, UpstreamResponse upstream, StreamTranslator translator) {
            this.exchange = exchange;
            this.upstream = upstream;
            this.translator = translator;
            this.out = exchange.rc.response();
            this.parser = new SseParser(maxEventBytes, this::onEvent);
            var timeouts = exchange.answering().deployment().timeouts();
            this.idleNanos = (timeouts == null ? io.tollgate.catalog.api.Timeouts.DEFAULT : timeouts).idleMs() * 1_000_000L;
            this.totalNanos = (timeouts == null ? io.tollgate.catalog.api.Timeouts.DEFAULT : timeouts).totalMs() * 1_000_000L;
        }

        void start() {
            exchange.answerHeaders(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache")
                    .putHeader("x-accel-buffering", "no");
            exchange.onClientGone(this::clientGone);
            long tickMs = Math.max(50, Math.min(keepAliveNanos, idleNanos) / 2_000_000);
            ticker = vertx.setPeriodic(tickMs, tick -> watch());
            out.drainHandler(drained -> {
                if (!over) {
                    upstream.body().resume();
                }
            });
            ReadStream<Buffer> body = upstream.body();
            body.handler(this::onBytes);
            body.exceptionHandler(failure -> breakOff("The provider connection failed mid-stream", "upstream_stream_cut"));
            body.endHandler(end -> onUpstreamEnd());
            body.resume();
        }

        private void onBytes(Buffer bytes) {
            if (over) {
                return;
            }
            lastUpstreamNanos = System.nanoTime();
            try {
                parser.feed(bytes);
            } catch (TollgateException | IllegalStateException unreadable) {
                breakOff("The provider sent an unreadable stream", "upstream_error");
            }
        }

        private void onEvent(String name, Buffer data) {
            if (over || translator.finished()) {
                return;
            }
            Buffer frame = translator.onEvent(name, data);
            if (frame.length() > 0) {
                write(frame);
                exchange.firstByte();
                exchange.tokenWritten();
            }
        }

        private void write(Buffer frame) {
            lastWriteNanos = System.nanoTime();
            out.write(frame);
            if (out.writeQueueFull()) {
                upstream.body().pause();
            }
        }

        private void onUpstreamEnd() {
            if (over) {
                return;
            }
            if (translator.finished() || translator.failed()) {
                end();
                exchange.usage(translator.usage(), translator.completionText());
                if (translator.failed()) {
                    exchange.brokeOff("upstream_error");
                } else {
                    exchange.succeeded(200);
                }
            } else {
                breakOff("The provider ended the stream before it was complete", "upstream_stream_cut");
            }
        }

        /** Ends the stream with an OpenAI error frame: the client's SDK raises it instead of seeing a clean end. */
        private void breakOff(String message, String code) {
            if (over) {
                return;
            }
            upstream.cancel();
            if (!exchange.clientGone()) {
                out.write(Buffer.buffer("data: {\"error\":{\"message\":\"" + message
                        + "\",\"type\":\"server_error\",\"param\":null,\"code\":\"" + code + "\"}}\n\n"));
            }
            end();
            exchange.usage(translator.usage(), translator.completionText());
            exchange.brokeOff(code);
        }

        private void clientGone() {
            if (over) {
                return;
            }
            stopTicker();
            over = true;
            exchange.usage(translator.usage(), translator.completionText());
            exchange.cancelled();
        }

        private void watch() {
            long now = System.nanoTime();
            if (now - exchange.startNanos > totalNanos) {
                breakOff("The provider did not finish within the total timeout", "upstream_timeout");
            } else if (now - lastUpstreamNanos > idleNanos) {
                breakOff("The provider went silent for longer than the idle timeout", "upstream_timeout");
            } else if (now - lastWriteNanos >= keepAliveNanos) {
                write(KEEP_ALIVE);
            }
        }

        private void end() {
            over = true;
            stopTicker();
            if (!exchange.clientGone() && !out.ended()) {
                out.end();
            }
        }

        private void stopTicker() {
            if (ticker >= 0) {
                vertx.cancelTimer(ticker);
                ticker = -1;
            }
        }
    }
}
