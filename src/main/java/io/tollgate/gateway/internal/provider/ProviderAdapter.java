package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.catalog.api.ProviderType;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Translates between OpenAI's API, which Tollgate's clients speak, and one provider's API (DESIGN.md §5): per
 * request, the call; per response, the body or each streamed event; per failure, the error. Stateless and
 * thread-safe; named {@code OpenAiTo<Backend>}.
 */
public interface ProviderAdapter {

    ProviderType type();

    /** The provider call for a chat completion, always asking streamed calls to report usage. */
    UpstreamCall chat(ChatRequest request, Target target);

    /** A complete (non-streamed) provider answer in OpenAI's format, with its usage. */
    ChatResponse chatResponse(ChatRequest request, Buffer upstreamBody);

    /** A fresh translator for one streamed answer. */
    StreamTranslator chatStream(ChatRequest request);

    /**
     * The provider call for an endpoint Tollgate forwards as it is ({@code embeddings}, {@code completions}), with
     * {@code model} replaced by the deployment's; empty when this provider has no such endpoint.
     */
    Optional<UpstreamCall> forward(PassThrough endpoint, ObjectNode body, Target target);

    /** Whether {@link #forward} serves {@code endpoint} for this provider, so that routing can skip those that do not. */
    boolean forwards(PassThrough endpoint);

    /** A provider's error response ({@code retryAfter} is its {@code retry-after} header, or null). */
    UpstreamFailure failure(int status, String retryAfter, Buffer body);

    /** The OpenAI endpoints forwarded without translation, by their path under {@code /v1}. */
    enum PassThrough {
        EMBEDDINGS("embeddings"), COMPLETIONS("completions");

        private final String path;

        PassThrough(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
