package io.tollgate.gateway.internal.provider;

import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.vertx.core.buffer.Buffer;

/** A complete (not streamed) chat completion in OpenAI's format, and the usage the provider reported (null if none). */
public record ChatResponse(Buffer body, Tokens usage) {
}
