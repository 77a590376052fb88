package io.tollgate.gateway.internal.upstream;

import io.tollgate.catalog.api.Timeouts;
import io.tollgate.gateway.internal.provider.UpstreamCall;
import io.vertx.core.Future;

/**
 * Sends one provider call: over HTTP, or to the built-in simulator. The future completes when the response
 * headers arrive; it fails with {@link UpstreamUnreachable} when no response came (connect error, refused
 * address, first-byte timeout), which the router may retry.
 */
public interface Transport {

    Future<UpstreamResponse> send(UpstreamCall call, Timeouts timeouts);
}
