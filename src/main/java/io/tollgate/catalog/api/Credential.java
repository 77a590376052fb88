package io.tollgate.catalog.api;

import java.util.Map;

/**
 * A decrypted provider credential: an API key (sent the provider type's way: {@code Authorization: Bearer},
 * {@code api-key} or {@code x-api-key}) or a set of headers sent as given. Never log it.
 */
public record Credential(String apiKey, Map<String, String> headers) {

    public Credential {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "Credential[redacted]";
    }
}
