package io.tollgate.policy.internal.source;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * How one fetch reaches the repository: anonymously (a public or {@code file://} repository), with an HTTPS token,
 * or over SSH ({@link SshAccess}). Made afresh for each fetch and closed after it.
 */
public interface GitAccess extends AutoCloseable {

    /** Applies this access to a clone or fetch. */
    void configure(TransportCommand<?, ?> command);

    /** The failure of a clone or fetch, with what this access knows about its cause. */
    default String explain(String failure) {
        return failure;
    }

    @Override
    default void close() {
    }

    static GitAccess anonymous() {
        return command -> { };
    }

    static GitAccess token(String username, String token) {
        return command -> command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, token));
    }
}
