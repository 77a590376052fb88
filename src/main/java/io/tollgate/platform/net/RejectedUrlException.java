package io.tollgate.platform.net;

/** A URL that Tollgate must not call; the message says why, in words fit for the API caller. */
public class RejectedUrlException extends RuntimeException {

    public RejectedUrlException(String reason) {
        super(reason, null, false, false);
    }
}
