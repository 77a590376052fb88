package io.tollgate.identity.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.Hashes;
import io.tollgate.identity.api.IdentityEvents.LoginAttempted;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.identity.internal.domain.UserStatus;
import io.tollgate.identity.internal.persistence.RefreshTokenRepository;
import io.tollgate.identity.internal.persistence.UserRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Password login and rotating refresh tokens. Unknown account, wrong password and disabled account all answer
 * the same 401 after the same bcrypt work; a refresh token works once, and presenting a used one again revokes
 * its whole family (it was stolen, or replayed).
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class AuthService {

    /** What a successful login or refresh returns (OAuth 2.0 token response). */
    public record Tokens(String accessToken, String refreshToken, long expiresIn) {
        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INVALID_LOGIN = "Invalid e-mail or password";

    private final Pool identity;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final Outbox outbox;
    private final AuthConfig config;
    private final Clock clock;

    public AuthService(@ReactiveDataSource("identity") Pool identity, UserRepository users,
            RefreshTokenRepository refreshTokens, PasswordHasher hasher, TokenIssuer issuer, LoginThrottle throttle,
            Outbox outbox, AuthConfig config, Clock clock) {
        this.identity = identity;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Tokens> login(String email, String password, Actor actor) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(new TollgateException(ErrorKind.UNAUTHORIZED, INVALID_LOGIN));
        }
        return throttle.check(email, actor.sourceIp())
                .flatMap(ok -> users.credentials(identity, email))
                .flatMap(found -> hasher.matches(password, found == null ? null : found.passwordHash())
                        .flatMap(matches -> {
                            User user = found == null ? null : found.user();
                            if (!matches || user.status() != UserStatus.ACTIVE) {
                                return throttle.recordFailure(email, actor.sourceIp())
                                        .flatMap(v -> record(user, "failed", actor))
                                        .flatMap(v -> Uni.createFrom().failure(new TollgateException(ErrorKind.UNAUTHORIZED, INVALID_LOGIN)));
                            }
                            return throttle.recordSuccess(email).flatMap(v -> identity.withTransaction(
                                    tx -> issue(tx, user, Ids.newId(), actor)
                                            .call(tokens -> outbox.append(tx, new LoginAttempted(user.id(), "succeeded"), actor))));
                        }));
    }

    public Uni<Tokens> refresh(String refreshToken, Actor actor) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(invalidRefresh());
        }
        Instant now = clock.instant();
        return identity.withTransaction(tx -> refreshTokens.lock(tx, Hashes.sha256Hex(refreshToken)).flatMap(stored -> {
            if (stored == null || stored.revokedAt() != null || !stored.expiresAt().isAfter(now)) {
                return Uni.createFrom().failure(invalidRefresh());
            }
            if (stored.usedAt() != null) {
                return refreshTokens.revokeFamily(tx, stored.familyId(), now).replaceWith((Tokens) null);
            }
            return refreshTokens.markUsed(tx, stored.id(), now)
                    .flatMap(v -> users.find(tx, stored.userId()))
                    .flatMap(user -> user == null || user.status() != UserStatus.ACTIVE
                            ? Uni.createFrom().failure(invalidRefresh())
                            : issue(tx, user, stored.familyId(), actor));
        })).onItem().ifNull().failWith(AuthService::invalidRefresh); // reuse: the revocation commits, then 401
    }

    /** Revokes the refresh token's family: every token issued since that login stops working. */
    public Uni<Void> logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return identity.withTransaction(tx -> refreshTokens.lock(tx, Hashes.sha256Hex(refreshToken))
                .flatMap(stored -> stored == null ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(tx, stored.familyId(), now)));
    }

    private Uni<Tokens> issue(SqlClient tx, User user, UUID familyId, Actor actor) {
        Instant now = clock.instant();
        String refreshToken = newRefreshToken();
        return refreshTokens.insert(tx, Ids.newId(), familyId, user.id(), Hashes.sha256Hex(refreshToken), now,
                now.plus(config.refreshTokenTtl()))
                .map(v -> new Tokens(issuer.accessToken(user, now), refreshToken, issuer.accessTokenSeconds()));
    }

    private Uni<Void> record(User user, String outcome, Actor actor) {
        return identity.withTransaction(tx -> outbox.append(tx, new LoginAttempted(user == null ? null : user.id(), outcome), actor));
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tgr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static TollgateException invalidRefresh() {
        return new TollgateException(ErrorKind.UNAUTHORIZED, "The refresh token is invalid, expired or revoked");
    }
}
