package io.tollgate.gateway.internal.upstream;

/**
 * No response came from the provider: the connection failed or was refused by the SSRF guard
 * ({@code timedOut} false), or the first byte did not arrive in time ({@code timedOut} true). Retriable.
 */
public class UpstreamUnreachable extends RuntimeException {

    private final boolean timedOut;

    public UpstreamUnreachable(String message, boolean timedOut, Throwable cause) {
        super(message, cause, false, false);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
