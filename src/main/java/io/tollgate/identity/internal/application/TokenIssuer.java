package io.tollgate.identity.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs Tollgate access tokens (RS256, with the key's {@code kid}). They carry who the user is, not what they
 * may do: roles are read from the database on every request, so a removed member loses access at once.
 */
@ApplicationScoped
@Startup
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class TokenIssuer {

    public static final String AUDIENCE = "tollgate-admin";

    private final AuthConfig config;
    private final PrivateKey signingKey;

    public TokenIssuer(AuthConfig config) {
        this.config = config;
        this.signingKey = decode(config.signingKey().filter(key -> !key.isBlank()).orElseThrow(() -> new IllegalStateException(
                "TOLLGATE_AUTH_SIGNING_KEY (tollgate.auth.signing-key) is not set: the management role signs access "
                        + "tokens with it (docs/runbooks/token-signing-key.md; scripts/local-keys makes a local pair)")));
    }

    public String accessToken(User user, Instant now) {
        return Jwt.issuer(config.issuer())
                .subject(user.id().toString())
                .upn(user.email())
                .audience(AUDIENCE)
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .jws().keyId(config.keyId())
                .sign(signingKey);
    }

    public long accessTokenSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    private static PrivateKey decode(String base64Der) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64Der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "tollgate.auth.signing-key is not a base64 PKCS#8 RSA private key (see docs/runbooks/token-signing-key.md)", e);
        }
    }
}
