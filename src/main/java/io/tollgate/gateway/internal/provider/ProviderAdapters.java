package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.catalog.api.ProviderType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/** The adapter for each provider type. The simulator speaks OpenAI's format, so it shares OpenAI's adapter. */
@ApplicationScoped
public class ProviderAdapters {

    private final Map<ProviderType, ProviderAdapter> byType = new EnumMap<>(ProviderType.class);

    public ProviderAdapters(ObjectMapper json) {
        OpenAiToOpenAi openAi = new OpenAiToOpenAi(json);
        byType.put(ProviderType.OPENAI, openAi);
        byType.put(ProviderType.SIMULATOR, openAi);
        byType.put(ProviderType.AZURE_OPENAI, new OpenAiToAzure(json));
        byType.put(ProviderType.ANTHROPIC, new OpenAiToAnthropic(json));
    }

    public ProviderAdapter forType(ProviderType type) {
        ProviderAdapter adapter = byType.get(type);
        if (adapter == null) {
            throw new IllegalStateException("No adapter for provider type " + type.apiName());
        }
        return adapter;
    }
}
