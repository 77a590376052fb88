package io.tollgate.catalog.internal.application;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.net.HostResolver;
import io.tollgate.platform.net.RejectedUrlException;
import io.tollgate.platform.net.UrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Applies the SSRF guard to provider base URLs (ADR 0011); a rejected URL answers 422 naming {@code baseUrl}. */
@ApplicationScoped
public class BaseUrlGuard {

    private final UrlPolicy policy;

    public BaseUrlGuard(CatalogConfig config, HostResolver resolver) {
        this.policy = new UrlPolicy(config.allowPrivateNetworks(), config.allowLoopback(), resolver);
    }

    /** Checks {@code url} (null passes: only the simulator has none); resolves on a worker thread, never the event loop. */
    public Uni<Void> check(String url) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            try {
                policy.vet(url);
                return null;
            } catch (RejectedUrlException e) {
                throw new TollgateException(ErrorKind.UNPROCESSABLE, "The base URL is not allowed",
                        Map.of("baseUrl", e.getMessage()), null, "baseUrl");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }
}
