package io.tollgate.gateway.internal.provider;

import io.tollgate.platform.error.TollgateException;

/**
 * A provider's error response as the client will see it (OpenAI envelope, OpenAI status), and whether another
 * try — the same deployment after a backoff, or the next one — may succeed (429, 5xx, overloaded).
 */
public record UpstreamFailure(TollgateException error, boolean retriable) {
}
