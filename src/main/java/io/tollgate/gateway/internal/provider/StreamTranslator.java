package io.tollgate.gateway.internal.provider;

import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.vertx.core.buffer.Buffer;

/**
 * Turns one provider stream into OpenAI {@code chat.completion.chunk} server-sent events. Stateful: one instance
 * per stream, called on one thread, event by event, in order.
 */
public interface StreamTranslator {

    /**
     * Translates one upstream event ({@code name} is its {@code event:} field or null; {@code data} its data
     * lines joined) into the bytes for the client: zero or more complete SSE frames ({@code data: …\n\n}),
     * or an empty buffer when the event has nothing for the client.
     */
    Buffer onEvent(String name, Buffer data);

    /** The usage the provider reported so far, or null when it reported none. */
    Tokens usage();

    /** The output text generated so far, for counting tokens when the provider reports no usage. */
    CharSequence completionText();

    /** Whether the provider signalled the regular end of the stream (after which nothing more is read). */
    boolean finished();

    /** Whether the provider reported an error inside the stream (already translated into an error frame). */
    boolean failed();
}
