package io.tollgate.catalog.api;

/**
 * A provider's timeouts in milliseconds: to connect, to the first response byte, between two streamed chunks
 * (idle), and for the whole call.
 */
public record Timeouts(int connectMs, int firstByteMs, int idleMs, int totalMs) {

    public static final Timeouts DEFAULT = new Timeouts(5_000, 60_000, 30_000, 600_000);
}
