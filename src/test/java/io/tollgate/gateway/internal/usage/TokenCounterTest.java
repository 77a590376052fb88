package io.tollgate.gateway.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    @Test
    void shortTextIsCountedExactly() {
        assertThat(counter.count("")).isZero();
        assertThat(counter.count("Hello world")).isEqualTo(2);
    }

    @Test
    void aHugeRunWithoutSpacesIsCountedQuicklyBeyondTheExactPart() {
        counter.count("warm up the tokenizer");
        String text = "x".repeat(4_000_000);
        long started = System.nanoTime();

        long tokens = counter.count(text);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        long exactPart = counter.count(text.substring(0, TokenCounter.EXACT_LIMIT));
        assertThat(tokens).isEqualTo(exactPart + (text.length() - TokenCounter.EXACT_LIMIT + 3) / 4);
    }
}
