package io.tollgate.gateway.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.vertx.core.buffer.Buffer;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The adapter registry, and what the fixtures cannot show: endpoints a provider lacks, broken provider answers. */
class ProviderAdaptersTest {

    private final ProviderAdapters adapters = new ProviderAdapters(ProviderFixtures.JSON);

    @Test
    void everyProviderTypeHasItsAdapterAndTheSimulatorSharesOpenAis() {
        for (ProviderType type : EnumSet.complementOf(EnumSet.of(ProviderType.SIMULATOR))) {
            assertThat(adapters.forType(type).type()).isEqualTo(type);
        }
        assertThat(adapters.forType(ProviderType.SIMULATOR)).isSameAs(adapters.forType(ProviderType.OPENAI));
    }

    @Test
    void anthropicForwardsNoEmbeddingsOrLegacyCompletions() {
        ProviderAdapter anthropic = adapters.forType(ProviderType.ANTHROPIC);
        ObjectNode body = ProviderFixtures.JSON.createObjectNode().put("model", "claude").put("input", "text");
        for (ProviderAdapter.PassThrough endpoint : ProviderAdapter.PassThrough.values()) {
            assertThat(anthropic.forward(endpoint, body, null)).as(endpoint.path()).isEmpty();
        }
    }

    @Test
    void anUnreadableAnthropicAnswerIsABadGateway() {
        ProviderAdapter anthropic = adapters.forType(ProviderType.ANTHROPIC);
        ObjectNode body = ProviderFixtures.JSON.createObjectNode().put("model", "claude");
        ChatRequest request = new ChatRequest(body, "claude", false, false, null);
        assertThatThrownBy(() -> anthropic.chatResponse(request, Buffer.buffer("<html>502</html>")))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
        StreamTranslator stream = anthropic.chatStream(request);
        assertThatThrownBy(() -> stream.onEvent("message_start", Buffer.buffer("{not json")))
                .isInstanceOfSatisfying(TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
        assertThat(stream.failed()).isTrue();
    }
}
