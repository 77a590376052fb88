package io.tollgate.keys.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.Projects;
import io.tollgate.keys.api.KeyIssuing;
import io.tollgate.keys.api.KeyEvents.KeyIssued;
import io.tollgate.keys.api.KeyEvents.KeyRevoked;
import io.tollgate.keys.api.KeyEvents.KeyRotated;
import io.tollgate.keys.internal.domain.ApiKey;
import io.tollgate.keys.internal.domain.NewKey;
import io.tollgate.keys.internal.domain.Scope;
import io.tollgate.keys.internal.domain.Secrets;
import io.tollgate.keys.internal.persistence.ApiKeyRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.security.OrgRole;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues, rotates and revokes API keys. A key's management scopes act with the role of whoever created it
 * (a superadmin counts as owner), so no key can do more than its creator; a read-only or inference key cannot
 * create keys at all (it lacks {@code keys:write}).
 */
@ApplicationScoped
public class KeyService implements KeyIssuing {

    /** A newly issued or rotated key with its secret, which is shown this once. */
    public record IssuedKey(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "IssuedKey[" + key.id() + "]";
        }
    }

    /** The grants of Tollgate acting for itself (seeding): a superadmin's. */
    private static final Grants PLATFORM = new Grants(true, Map.of(), Map.of());

    private final Pool keys;
    private final ApiKeyRepository repository;
    private final Projects projects;
    private final Outbox outbox;
    private final Clock clock;

    public KeyService(@ReactiveDataSource("keys") Pool keys, ApiKeyRepository repository, Projects projects, Outbox outbox,
            Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.projects = projects;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<IssuedKey> issue(UUID orgId, NewKey request, Grants caller, Actor actor) {
        OrgRole grantor = grantorRole(caller, orgId, request);
        Instant now = now();
        String secret = Secrets.newSecret();
        ApiKey key = new ApiKey(Ids.newId(), orgId, request.projectId(), request.name(), Secrets.displayPrefix(secret),
                request.scopes(), grantor, actor.principal(), now, request.expiresAt(), null, null);
        Uni<Boolean> projectExists = request.projectId() == null ? Uni.createFrom().item(true)
                : projects.exists(orgId, request.projectId());
        return projectExists.flatMap(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(TollgateException.invalid(Map.of("projectId", "no such project in this organisation")));
            }
            return keys.withTransaction(tx -> repository.insert(tx, key, Secrets.sha256Hex(secret))
                    .call(v -> outbox.append(tx, new KeyIssued(orgId, key.id(), key.projectId(), key.name(),
                            key.scopes().stream().map(Scope::apiName).sorted().toList(), key.expiresAt()), actor))
                    .map(v -> new IssuedKey(key, secret)));
        });
    }

    /** A new secret for the key; the current one keeps working for {@code grace} (zero: stops at once). */
    public Uni<IssuedKey> rotate(UUID orgId, UUID keyId, Duration grace, Actor actor) {
        Instant now = now();
        String secret = Secrets.newSecret();
        return keys.withTransaction(tx -> repository.find(tx, orgId, keyId)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Key"))
                .flatMap(key -> {
                    if (!key.usableAt(now)) {
                        return Uni.createFrom().failure(TollgateException.conflict("A revoked or expired key cannot be rotated"));
                    }
                    Instant previousUntil = now.plus(grace);
                    return repository.expireSecrets(tx, keyId, previousUntil)
                            .flatMap(v -> repository.insertSecret(tx, keyId, Secrets.sha256Hex(secret), now))
                            .call(v -> outbox.append(tx, new KeyRotated(orgId, keyId, previousUntil), actor))
                            .map(v -> new IssuedKey(key, secret));
                }));
    }

    public Uni<Void> revoke(UUID orgId, UUID keyId, Actor actor) {
        Instant now = now();
        return keys.withTransaction(tx -> repository.find(tx, orgId, keyId)
                .onItem().ifNull().failWith(() -> TollgateException.notFound("Key"))
                .flatMap(key -> repository.revoke(tx, orgId, keyId, "revoked", now))
                .flatMap(revoked -> revoked ? outbox.append(tx, new KeyRevoked(orgId, keyId, "revoked"), actor)
                        : Uni.createFrom().voidItem()));
    }

    @Override
    public Uni<String> issueInferenceKey(UUID orgId, UUID projectId, String name, Actor actor) {
        NewKey request = NewKey.of(name, projectId, List.of(Scope.INFERENCE.apiName()), null, now());
        return issue(orgId, request, PLATFORM, actor).map(IssuedKey::secret);
    }

    public Uni<ApiKey> get(UUID orgId, UUID keyId) {
        return repository.find(keys, orgId, keyId).onItem().ifNull().failWith(() -> TollgateException.notFound("Key"));
    }

    public Uni<List<ApiKey>> page(UUID orgId, UUID after, int limit) {
        return repository.page(keys, orgId, after, limit);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The role the key's management scopes will act with: the caller's own. A caller without a full role in the
     * organisation (a read-only key, say) cannot hand out management scopes at all.
     */
    private static OrgRole grantorRole(Grants caller, UUID orgId, NewKey request) {
        if (caller.superadmin()) {
            return OrgRole.OWNER;
        }
        boolean management = request.scopes().contains(Scope.MANAGEMENT_READ) || request.scopes().contains(Scope.MANAGEMENT_WRITE);
        return caller.roleIn(orgId).orElseGet(() -> {
            if (management) {
                throw new TollgateException(ErrorKind.FORBIDDEN, "Only a member may mint a key with management scopes");
            }
            return OrgRole.VIEWER;
        });
    }
}
