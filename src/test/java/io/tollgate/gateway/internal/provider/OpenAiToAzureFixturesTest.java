package io.tollgate.gateway.internal.provider;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link OpenAiToAzure} against the cases in {@code fixtures/providers/azure/} (Azure OpenAI; see {@link ProviderFixtures}). */
class OpenAiToAzureFixturesTest {

    private final OpenAiToAzure adapter = new OpenAiToAzure(ProviderFixtures.JSON);

    static Stream<Named<Path>> cases() {
        return ProviderFixtures.cases("azure");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheFixtureSays(Path dir) {
        ProviderFixtures.run(adapter, dir);
    }
}
