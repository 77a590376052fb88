package io.tollgate.identity.internal.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Login, tokens and throttling of the management API (prefix {@code tollgate.auth}). */
@ConfigMapping(prefix = "tollgate.auth")
public interface AuthConfig {

    /** The {@code iss} of Tollgate's access tokens; tokens of other issuers belong to the external IdP. */
    @WithDefault("tollgate")
    String issuer();

    /** The {@code kid} of the signing key, so that a rotated key is told apart from the previous one. */
    String keyId();

    /**
     * The RSA private key that signs access tokens: base64 of its PKCS#8 DER encoding (from a Secret). Only the
     * management role needs it; it fails to start without one.
     */
    Optional<String> signingKey();

    /**
     * The matching public key (base64 X.509 DER), which {@code quarkus.oidc.public-key} verifies tokens with.
     */
    Optional<String> publicKey();

    /** How long an access token is valid; short, since revocation happens through refresh tokens. */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** How long a refresh token is valid when unused. */
    @WithDefault("30d")
    Duration refreshTokenTtl();

    Throttle throttle();

    /** Failed-login limits, counted in Redis over a fixed window. */
    interface Throttle {
        /** Failed logins of one account per window before it answers 429. */
        @WithDefault("5")
        int perAccount();

        /**
         * Failed logins from one client address per window before it answers 429. Behind a proxy, enable
         * {@code quarkus.http.proxy.proxy-address-forwarding} (with trusted proxies) so that this is the client's.
         */
        @WithDefault("100")
        int perAddress();

        @WithDefault("15m")
        Duration window();
    }
}
