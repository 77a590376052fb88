package io.tollgate.policy.internal.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** One field that differs: its JSON pointer within the spec, its value before and after (null when absent). */
public record FieldChange(String path, JsonNode from, JsonNode to) {
}
