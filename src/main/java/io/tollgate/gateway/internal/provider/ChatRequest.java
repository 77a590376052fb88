package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated {@code /v1/chat/completions} request: the client's JSON as parsed once, and what routing,
 * quotas and metering read from it. Adapters never modify {@code body} (a retry or fallback translates it
 * again): they copy what they change.
 *
 * @param model the public model name the client asked for
 * @param stream whether the client asked for server-sent events
 * @param clientWantsUsage whether the client asked for the final usage chunk ({@code stream_options.include_usage})
 * @param maxTokens the client's output bound ({@code max_completion_tokens} or {@code max_tokens}), or null
 */
public record ChatRequest(ObjectNode body, String model, boolean stream, boolean clientWantsUsage, Integer maxTokens) {
}
