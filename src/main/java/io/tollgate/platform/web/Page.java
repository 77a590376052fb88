package io.tollgate.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list: the items, and the cursor of the next page when there is one. */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
