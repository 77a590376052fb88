package io.tollgate.gateway.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser(64, (name, data) -> events.add(name + "|" + data));

    @ParameterizedTest(name = "split every {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void eventsSurviveAnySplitAndAnyLineEnding(int pieceSize) {
        String stream = ": comment\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: first\ndata: second\n\n"
                + "data:no-space\r\rretry: 5\nid: 7\ndata: [DONE]\n\n";
        for (int i = 0; i < stream.length(); i += pieceSize) {
            parser.feed(Buffer.buffer(stream.substring(i, Math.min(stream.length(), i + pieceSize))));
        }
        assertThat(events).containsExactly("message_start|{\"a\":1}", "null|first\nsecond", "null|no-space", "null|[DONE]");
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndItsNameDoesNotLeak() {
        parser.feed(Buffer.buffer("event: ping\n\ndata: x\n\n"));
        assertThat(events).containsExactly("null|x");
    }

    @Test
    void anIncompleteEventWaitsForTheRest() {
        parser.feed(Buffer.buffer("data: hal"));
        assertThat(events).isEmpty();
        parser.feed(Buffer.buffer("f\n\n"));
        assertThat(events).containsExactly("null|half");
    }

    @Test
    void anEventLargerThanTheBoundIsRefused() {
        assertThatThrownBy(() -> parser.feed(Buffer.buffer("data: " + "x".repeat(100))))
                .isInstanceOf(IllegalStateException.class);
        SseParser lines = new SseParser(64, (name, data) -> { });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                lines.feed(Buffer.buffer("data: 0123456789\n"));
            }
        }).isInstanceOf(IllegalStateException.class);
    }
}
