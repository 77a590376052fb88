package io.tollgate.policy.internal.source;

/** The policy files could not be read (repository unreachable, branch or path missing, credentials refused). */
public class SourceException extends RuntimeException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
