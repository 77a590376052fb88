package io.tollgate.keys.internal.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.tollgate.keys.internal.domain.ApiKey;
import io.tollgate.keys.internal.domain.Scope;
import io.tollgate.keys.internal.domain.Secrets;
import io.tollgate.keys.internal.persistence.ApiKeyRepository;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Grants;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Set;

/**
 * Authenticates the management API with an API key ({@code Authorization: Bearer tgk_…}) for programmatic
 * administration within the key's organisation: {@code management:write} acts with the creator's role,
 * {@code management:read} with only its {@code :read} permissions, and an inference-only key with none (403).
 * Other bearer tokens are left to the OIDC mechanism. The key is checked in the keys database, not the index:
 * this path is not the hot one, and the database is the source of truth.
 */
public final class ApiKeyAuthentication {

    private ApiKeyAuthentication() {
    }

    /** The presented secret, for the identity provider. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        private final String secret;

        ApiKeyRequest(String secret) {
            this.secret = secret;
        }

        String secret() {
            return secret;
        }
    }

    @ApplicationScoped
    @IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
    public static class Mechanism implements HttpAuthenticationMechanism {

        private static final String BEARER = "Bearer ";

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String header = context.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || !header.substring(BEARER.length()).strip().startsWith(Secrets.PREFIX)) {
                return Uni.createFrom().optional(java.util.Optional.empty());
            }
            return identities.authenticate(new ApiKeyRequest(header.substring(BEARER.length()).strip()));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(ApiKeyRequest.class);
        }

        /** Before OIDC, which would reject a key as a malformed token. */
        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 1000;
        }
    }

    @ApplicationScoped
    @IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
    public static class Provider implements IdentityProvider<ApiKeyRequest> {

        private final Pool keys;
        private final ApiKeyRepository repository;
        private final Clock clock;

        public Provider(@ReactiveDataSource("keys") Pool keys, ApiKeyRepository repository, Clock clock) {
            this.keys = keys;
            this.repository = repository;
            this.clock = clock;
        }

        @Override
        public Class<ApiKeyRequest> getRequestType() {
            return ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
            if (!Secrets.looksLikeKey(request.secret())) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Malformed API key"));
            }
            return repository.findBySecret(keys, Secrets.sha256Hex(request.secret()), clock.instant()).map(key -> {
                if (key == null || !key.usableAt(clock.instant())) {
                    throw new AuthenticationFailedException("Unknown, revoked or expired API key");
                }
                return identity(key);
            });
        }

        static SecurityIdentity identity(ApiKey key) {
            String role;
            if (key.scopes().contains(Scope.MANAGEMENT_WRITE)) {
                role = Grants.roleName(key.grantorRole(), key.orgId());
            } else if (key.scopes().contains(Scope.MANAGEMENT_READ)) {
                role = Grants.readOnlyRoleName(key.grantorRole(), key.orgId());
            } else {
                role = Grants.inferenceRoleName(key.orgId());
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("key:" + key.id())).addRole(role).build();
        }
    }
}
