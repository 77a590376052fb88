package io.tollgate.gateway.internal.provider;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link OpenAiToAnthropic} against the cases in {@code fixtures/providers/anthropic/} (Anthropic's Messages API; see {@link ProviderFixtures}). */
class OpenAiToAnthropicFixturesTest {

    private final OpenAiToAnthropic adapter = new OpenAiToAnthropic(ProviderFixtures.JSON);

    static Stream<Named<Path>> cases() {
        return ProviderFixtures.cases("anthropic");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheFixtureSays(Path dir) {
        ProviderFixtures.run(adapter, dir);
    }
}
