package io.tollgate.gateway.internal.upstream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A provider's answer once its status line and headers have arrived: the body follows as a stream that the
 * relay pauses when the client reads slowly. {@link #cancel()} aborts the call (client gone, timeout), which
 * the provider sees as a closed connection.
 */
public interface UpstreamResponse {

    int status();

    /** A response header, or null. */
    String header(String name);

    /** The body, paused until the relay sets its handlers and resumes it. */
    ReadStream<Buffer> body();

    /** Aborts the call; further body events are not delivered. Safe to call more than once. */
    void cancel();
}
