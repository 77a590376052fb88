package io.tollgate.catalog.internal.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The catalog's settings (ADR 0011 for the network allowances, ADR 0012 for the snapshot). */
@ConfigMapping(prefix = "tollgate.catalog")
public interface CatalogConfig {

    /**
     * Whether provider base URLs may point at private networks (10/8, 172.16/12, 192.168/16, 100.64/10,
     * fc00::/7), e.g. a self-hosted vLLM. Off by default: an administrator must opt in.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** Whether provider base URLs may point at this machine (127/8, ::1), e.g. a local Ollama. Off in production. */
    @WithDefault("false")
    boolean allowLoopback();

    /** The routing snapshot in Redis. */
    Snapshot snapshot();

    /** What an empty catalog is seeded with. */
    Seed seed();

    interface Snapshot {
        /** How long each snapshot version is kept in Redis; the pointer to the current one has no TTL. */
        @WithDefault("7d")
        Duration ttl();

        /** How often the gateway checks for a newer snapshot. */
        @WithDefault("5s")
        Duration refreshInterval();
    }

    interface Seed {
        /** Whether the management role seeds an empty catalog at start (simulator, OpenAI, local Ollama). */
        @WithDefault("true")
        boolean enabled();

        /** The models seeded for api.openai.com when OPENAI_API_KEY is set and OPENAI_BASE_URL is not. */
        @WithDefault("gpt-4o-mini,text-embedding-3-small")
        List<String> openaiModels();

        /** Where a local Ollama is looked for. */
        @WithDefault("http://127.0.0.1:11434")
        String ollamaUrl();
    }
}
