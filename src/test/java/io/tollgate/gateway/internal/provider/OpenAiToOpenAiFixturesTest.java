package io.tollgate.gateway.internal.provider;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link OpenAiToOpenAi} against the cases in {@code fixtures/providers/openai/} (OpenAI and OpenAI-compatible servers; see {@link ProviderFixtures}). */
class OpenAiToOpenAiFixturesTest {

    private final OpenAiToOpenAi adapter = new OpenAiToOpenAi(ProviderFixtures.JSON);

    static Stream<Named<Path>> cases() {
        return ProviderFixtures.cases("openai");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheFixtureSays(Path dir) {
        ProviderFixtures.run(adapter, dir);
    }
}
