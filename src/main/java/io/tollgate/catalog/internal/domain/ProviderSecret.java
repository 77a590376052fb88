package io.tollgate.catalog.internal.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A provider credential in plain text, between the request and its encryption: an API key or a set of
 * headers. Its {@code toString} is redacted, so that no log line or failure message can carry it.
 */
public record ProviderSecret(String apiKey, Map<String, String> headers) {

    public ProviderSecret {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** What the API may show of it: the last 4 characters of the key when it is long enough to keep 8 hidden. */
    public String last4() {
        return apiKey != null && apiKey.length() >= 12 ? apiKey.substring(apiKey.length() - 4) : null;
    }

    public List<String> headerNames() {
        return List.copyOf(new TreeSet<>(headers.keySet()));
    }

    @Override
    public String toString() {
        return "ProviderSecret[redacted]";
    }
}
