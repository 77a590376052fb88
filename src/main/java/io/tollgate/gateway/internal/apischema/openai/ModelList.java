package io.tollgate.gateway.internal.apischema.openai;

import java.util.List;

/** OpenAI's list of models ({@code GET /v1/models}). */
public record ModelList(String object, List<ModelObject> data) {

    public static ModelList of(List<ModelObject> models) {
        return new ModelList("list", models);
    }
}
