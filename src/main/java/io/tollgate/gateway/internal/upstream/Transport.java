package io.tollgate.gateway.internal.upstream;

import io.tollgate.catalog.api.Timeouts;
import io.tollgate.gateway.internal.provider.UpstreamCall;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Sends one provider call: over HTTP, or to the built-in simulator. The future completes when the response
 * headers arrive; it fails with {@link UpstreamUnreachable} when no response came (connect error, refused
 * address, first-byte timeout), which the router may retry.
 */
public interface Transport {

    /**
     * Sends the call; {@code onCancel} receives, as soon as the call exists, the action that aborts it before its
     * response arrived (a client that leaves while the provider is still thinking).
     */
    Future<UpstreamResponse> send(UpstreamCall call, Timeouts timeouts, Consumer<Runnable> onCancel);
}
