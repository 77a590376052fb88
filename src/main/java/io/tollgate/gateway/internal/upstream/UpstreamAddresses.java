package io.tollgate.gateway.internal.upstream;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.platform.net.HostResolver;
import io.tollgate.platform.net.UrlPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.List;

/**
 * The connect-time half of the SSRF guard (ADR 0011): a provider host's addresses, resolved and checked again
 * by {@link UrlPolicy} before Tollgate connects to them, so that a DNS answer that changed since the provider
 * was registered (rebinding) cannot point a call at metadata or internal services. DNS blocks, so answers are
 * resolved on a worker thread and kept briefly; the hot path reads a completed future.
 */
@ApplicationScoped
public class UpstreamAddresses {

    private final AsyncLoadingCache<String, List<InetAddress>> vetted;

    public UpstreamAddresses(GatewayConfig config, HostResolver resolver) {
        UrlPolicy policy = new UrlPolicy(config.upstream().allowPrivateNetworks(), config.upstream().allowLoopback(),
                resolver);
        this.vetted = Caffeine.newBuilder()
                .executor(Infrastructure.getDefaultWorkerPool())
                .refreshAfterWrite(config.upstream().dnsTtl())
                .expireAfterWrite(config.upstream().dnsTtl().multipliedBy(4))
                .maximumSize(10_000)
                .buildAsync(policy::addressesOf);
    }

    /**
     * The permitted addresses of {@code host}, completing on {@code context} (the caller's event loop, also when
     * DNS was resolved on a worker); fails with the guard's reason when an address is not permitted.
     */
    public Future<List<InetAddress>> of(String host, Context context) {
        return Future.fromCompletionStage(vetted.get(host), context);
    }
}
