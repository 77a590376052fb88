package io.tollgate.quota.internal.domain;

/**
 * The generic cell rate algorithm over a one-minute window, as the Redis script runs it (ADR 0019): a limit of L
 * per minute spaces units 60 s ÷ L apart and lets up to L through at once. A counter is its theoretical arrival
 * time (TAT, µs); a request of {@code weight} units fits while {@code max(TAT, now) + weight × interval − now}
 * stays within the window.
 */
public final class Gcra {

    public static final double WINDOW_MICROS = 60_000_000d;

    private Gcra() {
    }

    /** The new TAT if the request fits, or NaN when it does not. */
    public static double admit(double tat, double now, long weight, long limit) {
        if (limit <= 0) {
            return weight == 0 ? Math.max(tat, now) : Double.NaN;
        }
        double after = Math.max(tat, now) + weight * (WINDOW_MICROS / limit);
        return after - now <= WINDOW_MICROS + 1 ? after : Double.NaN;
    }

    /** Units left for an immediate burst at this TAT. */
    public static long remaining(double tat, double now, long limit) {
        if (limit <= 0) {
            return 0;
        }
        return Math.max(0, (long) Math.floor((WINDOW_MICROS + 1 - Math.max(0, tat - now)) / (WINDOW_MICROS / limit)));
    }
}
