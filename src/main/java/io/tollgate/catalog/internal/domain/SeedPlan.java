package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.api.Timeouts;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an empty catalog is seeded with, so that a newcomer can call the gateway at once: the simulator and
 * its model {@code tollgate-sim}, and, when found, OpenAI (or an OpenAI-compatible server) and a local Ollama.
 */
public final class SeedPlan {

    public static final String SIMULATOR = "simulator";
    public static final String SIMULATOR_MODEL = "tollgate-sim";
    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";
    public static final String OPENAI_URL = "https://api.openai.com/v1";
    /** A seed provider never imposes more than this many models on a newcomer. */
    public static final int MAX_MODELS = 20;

    private SeedPlan() {
    }

    public static ProviderDraft simulator() {
        return ProviderDraft.of(null, SIMULATOR, "simulator", null, null, Map.of(), Timeouts.DEFAULT, null, null, false);
    }

    public static ProviderDraft openAi(String baseUrl, String apiKey) {
        return ProviderDraft.of(null, OPENAI, "openai", baseUrl == null ? OPENAI_URL : baseUrl, null, Map.of(),
                Timeouts.DEFAULT, null, apiKey == null ? null : new ProviderSecret(apiKey, null), false);
    }

    public static ProviderDraft ollama(String url) {
        return ProviderDraft.of(null, OLLAMA, "openai", url.replaceAll("/+$", "") + "/v1", null, Map.of(),
                Timeouts.DEFAULT, null, null, false);
    }

    /** One platform-wide model per upstream model name (at most {@link #MAX_MODELS}), served by {@code provider}. */
    public static List<ModelDraft> models(String provider, List<String> upstreamModels) {
        return upstreamModels.stream().filter(name -> ModelDraft.NAME.matcher(name).matches()).distinct()
                .limit(MAX_MODELS)
                .map(name -> ModelDraft.of(null, name, List.of(), "weighted", RetryPolicy.DEFAULT, List.of(),
                        capabilitiesOf(name), List.of(new ModelDraft.DeploymentFields(provider, name, 1, 0, null, null, null))))
                .toList();
    }

    /** Embedding models are recognised by name; everything else is taken for a chat model. */
    static Capabilities capabilitiesOf(String name) {
        boolean embeddings = name.toLowerCase(Locale.ROOT).contains("embed");
        return embeddings ? new Capabilities(false, true, false, false, false, null) : Capabilities.CHAT;
    }
}
