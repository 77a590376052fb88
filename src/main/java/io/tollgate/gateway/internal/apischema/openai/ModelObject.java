package io.tollgate.gateway.internal.apischema.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI's model object ({@code GET /v1/models/{model}}). */
public record ModelObject(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

    public static ModelObject of(String id, long created, String ownedBy) {
        return new ModelObject(id, "model", created, ownedBy);
    }
}
