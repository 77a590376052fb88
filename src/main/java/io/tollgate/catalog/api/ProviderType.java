package io.tollgate.catalog.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** How the gateway talks to a provider; {@code openai} also covers every OpenAI-compatible server. */
public enum ProviderType {
    OPENAI("openai"), AZURE_OPENAI("azure-openai"), ANTHROPIC("anthropic"), SIMULATOR("simulator");

    private final String apiName;

    ProviderType(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }

    public static Optional<ProviderType> fromApiName(String name) {
        for (ProviderType type : values()) {
            if (type.apiName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
