package io.tollgate.gateway.internal.relay;

import io.tollgate.gateway.internal.provider.OpenAiErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Reads a whole provider body, up to a bound: a provider cannot make Tollgate hold an unbounded answer. */
final class BodyReader {

    private BodyReader() {
    }

    static Future<Buffer> read(ReadStream<Buffer> stream, long maxBytes, Runnable cancel) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        stream.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                cancel.run();
                promise.tryFail(OpenAiErrors.unreadable());
            } else {
                body.appendBuffer(chunk);
            }
        });
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(done -> promise.tryComplete(body));
        stream.resume();
        return promise.future();
    }
}
