package io.tollgate.identity.internal.application;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt at cost 12, on a worker thread: one hash takes a few hundred milliseconds of CPU, which must never
 * block an event loop. Passwords over 72 bytes are refused by the password policy before they get here.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 12;
    /** Compared against when the account does not exist, so that unknown and wrong cost the same time. */
    private static final String DECOY = BCrypt.hashpw("decoy-password-never-matches", BCrypt.gensalt(COST));

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BCrypt.hashpw(password, BCrypt.gensalt(COST)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether {@code password} matches {@code hash}; a null hash is checked against a decoy and never matches. */
    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> BCrypt.checkpw(password, hash == null ? DECOY : hash) && hash != null)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
