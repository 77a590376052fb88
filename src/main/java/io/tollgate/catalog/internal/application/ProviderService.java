package io.tollgate.catalog.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.api.CredentialsRotated;
import io.tollgate.catalog.api.ProviderChanged;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.catalog.internal.domain.StoredCredential;
import io.tollgate.catalog.internal.persistence.CatalogRevisions;
import io.tollgate.catalog.internal.persistence.ProviderRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Creates, changes and deletes providers. Each change checks the caller's access, commits with a bumped
 * catalog revision and a {@link ProviderChanged} event in the outbox, and stores credentials only encrypted.
 */
@ApplicationScoped
public class ProviderService {

    private static final Logger LOG = Logger.getLogger(ProviderService.class);
    private static final String WHAT = "provider";

    private final Pool catalog;
    private final ProviderRepository providers;
    private final CatalogRevisions revisions;
    private final CredentialVault vault;
    private final BaseUrlGuard guard;
    private final Outbox outbox;
    private final Clock clock;

    public ProviderService(@ReactiveDataSource("catalog") Pool catalog, ProviderRepository providers,
            CatalogRevisions revisions, CredentialVault vault, BaseUrlGuard guard, Outbox outbox, Clock clock) {
        this.catalog = catalog;
        this.providers = providers;
        this.revisions = revisions;
        this.vault = vault;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Provider> create(CatalogAccess access, ProviderDraft draft) {
        access.requireWrite(draft.orgId(), WHAT);
        return guard.check(draft.baseUrl()).flatMap(checked -> {
            UUID id = Ids.newId();
            Instant now = now();
            Provider provider = new Provider(id, draft.orgId(), draft.name(), draft.type(), draft.baseUrl(),
                    draft.apiVersion(), draft.extraHeaders(), draft.timeouts(), draft.maxConcurrent(),
                    vault.seal(id, draft.secret()), 1, now, now);
            return catalog.withTransaction(tx -> providers.insert(tx, provider)
                    .call(created -> announce(tx, created, "created", access.actor())))
                    .invoke(created -> LOG.infof("Provider %s created: %s (%s) at %s, credential %s", created.id(),
                            created.name(), created.type().apiName(), created.baseUrl(),
                            created.credential() == null ? "none" : "encrypted under " + created.credential().encrypted().keyId()));
        });
    }

    public Uni<Provider> get(CatalogAccess access, UUID id) {
        return providers.find(catalog, id).map(found -> readable(access, found));
    }

    /** Platform-wide providers and those of the caller's organisations (all, for the superadmin). */
    public Uni<List<Provider>> page(CatalogAccess access, UUID after, int limit) {
        access.requireReadSomewhere();
        return providers.page(catalog, access.readsEverything() ? null : access.readableOrgs(), after, limit);
    }

    /**
     * Applies {@code patch} to the stored provider. {@code ifMatch} (the ETag's version) null means last write
     * wins; a different version answers 412.
     */
    public Uni<Provider> update(CatalogAccess access, UUID id, Integer ifMatch, Function<Provider, ProviderDraft> patch) {
        return providers.find(catalog, id).flatMap(found -> {
            Provider current = writable(access, found, ifMatch);
            ProviderDraft draft = patch.apply(current);
            Uni<Void> urlCheck = Objects.equals(draft.baseUrl(), current.baseUrl()) ? Uni.createFrom().voidItem()
                    : guard.check(draft.baseUrl());
            return urlCheck.flatMap(checked -> {
                StoredCredential credential = draft.secret() == null ? current.credential() : vault.seal(id, draft.secret());
                Provider next = new Provider(id, current.orgId(), draft.name(), current.type(), draft.baseUrl(),
                        draft.apiVersion(), draft.extraHeaders(), draft.timeouts(), draft.maxConcurrent(), credential,
                        current.version() + 1, current.createdAt(), now());
                return catalog.withTransaction(tx -> providers.update(tx, next, current.version())
                        .flatMap(updated -> updated ? announce(tx, next, "updated", access.actor()).replaceWith(next)
                                : Uni.createFrom().failure(changedMeanwhile())));
            });
        });
    }

    /** Deletes a provider no live model deploys on; its credential is destroyed. */
    public Uni<Void> delete(CatalogAccess access, UUID id, Integer ifMatch) {
        return providers.find(catalog, id).flatMap(found -> {
            Provider current = writable(access, found, ifMatch);
            return catalog.withTransaction(tx -> revisions.lock(tx).flatMap(locked -> providers.inUse(tx, id)).flatMap(used -> {
                if (used) {
                    throw TollgateException.conflict("Models still deploy on this provider; change or delete them first");
                }
                return providers.delete(tx, id, now())
                        .flatMap(deleted -> deleted ? announce(tx, current, "deleted", access.actor()) : Uni.createFrom().voidItem());
            }));
        });
    }

    /** Re-encrypts every credential sealed under a retired key with the active one; emits how many. */
    public Uni<Integer> rotateCredentials(Actor actor) {
        String active = vault.activeKeyId();
        return catalog.withTransaction(tx -> providers.lockSealedUnderOtherKeys(tx, active).flatMap(stale -> {
            if (stale.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Provider provider : stale) {
                chain = chain.call(() -> providers.replaceCredential(tx, provider.id(),
                        vault.reencrypt(provider.id(), provider.credential().encrypted())));
            }
            return chain.flatMap(done -> revisions.bump(tx))
                    .call(revision -> outbox.append(tx, new CredentialsRotated(active, stale.size(), revision), actor))
                    .replaceWith(stale.size());
        }));
    }

    private Uni<Void> announce(SqlClient tx, Provider provider, String change, Actor actor) {
        return revisions.bump(tx).flatMap(revision -> outbox.append(tx, new ProviderChanged(provider.id(),
                provider.orgId(), provider.name(), provider.type(), change, revision), actor));
    }

    private static Provider readable(CatalogAccess access, Provider found) {
        if (found == null) {
            throw TollgateException.notFound("Provider");
        }
        access.requireRead(found.orgId(), List.of(), WHAT);
        return found;
    }

    private static Provider writable(CatalogAccess access, Provider found, Integer ifMatch) {
        Provider current = readable(access, found);
        access.requireWrite(current.orgId(), WHAT);
        if (ifMatch != null && ifMatch != current.version()) {
            throw changedMeanwhile();
        }
        return current;
    }

    static TollgateException changedMeanwhile() {
        return new TollgateException(ErrorKind.PRECONDITION_FAILED,
                "The object has changed since the version in If-Match; read it again");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
