package io.tollgate.gateway.internal.relay;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a server-sent-event stream into events as its bytes arrive, in whatever pieces the network delivers
 * them (WHATWG rules: lines end in LF, CRLF or CR; {@code data} lines of one event are joined by LF; lines
 * starting with ':' are comments; a blank line ends the event). Holds at most one event's bytes, bounded by
 * {@code maxEventBytes}: a provider that never ends an event cannot exhaust memory.
 */
final class SseParser {

    /** Receives each complete event: its {@code event:} name (null when none) and its data. */
    interface Listener {
        void onEvent(String name, Buffer data);
    }

    private final int maxEventBytes;
    private final Listener listener;
    private Buffer pending = Buffer.buffer();
    private Buffer data;
    private String name;
    private boolean skipLineFeed;

    SseParser(int maxEventBytes, Listener listener) {
        this.maxEventBytes = maxEventBytes;
        this.listener = listener;
    }

    /** Feeds the next bytes; calls the listener for every event they complete. */
    void feed(Buffer chunk) {
        Buffer input = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
        int lineStart = 0;
        int length = input.length();
        for (int i = 0; i < length; i++) {
            byte b = input.getByte(i);
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    lineStart = i + 1;
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                line(input, lineStart, i);
                skipLineFeed = b == '\r';
                lineStart = i + 1;
            }
        }
        int rest = length - lineStart;
        if (rest + (data == null ? 0 : data.length()) > maxEventBytes) {
            throw new IllegalStateException("A server-sent event exceeds " + maxEventBytes + " bytes");
        }
        pending = rest == 0 ? Buffer.buffer() : input.getBuffer(lineStart, length);
    }

    private void line(Buffer input, int start, int end) {
        if (start == end) {
            dispatch();
            return;
        }
        if (input.getByte(start) == ':') {
            return;
        }
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (input.getByte(i) == ':') {
                colon = i;
                break;
            }
        }
        int fieldEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && input.getByte(valueStart) == ' ') {
            valueStart++;
        }
        String field = input.getString(start, fieldEnd);
        if (field.equals("data")) {
            if (data == null) {
                data = input.getBuffer(valueStart, end);
            } else {
                data.appendByte((byte) '\n').appendBuffer(input, valueStart, end - valueStart);
            }
            if (data.length() > maxEventBytes) {
                throw new IllegalStateException("A server-sent event exceeds " + maxEventBytes + " bytes");
            }
        } else if (field.equals("event")) {
            name = input.getString(valueStart, end);
        }
    }

    private void dispatch() {
        if (data != null) {
            Buffer event = data;
            String eventName = name;
            data = null;
            name = null;
            listener.onEvent(eventName, event);
        } else {
            name = null;
        }
    }
}
