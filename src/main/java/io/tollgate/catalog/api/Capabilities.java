package io.tollgate.catalog.api;

/** What a model can serve; {@code maxContextTokens} is null when unknown. */
public record Capabilities(boolean chat, boolean embeddings, boolean completions, boolean tools, boolean vision,
        Integer maxContextTokens) {

    public static final Capabilities CHAT = new Capabilities(true, false, false, false, false, null);
}
