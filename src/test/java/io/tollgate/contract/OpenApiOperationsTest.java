package io.tollgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract comparison catches each kind of drift. */
class OpenApiOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsOperationsAndTheirStatuses() throws Exception {
        var document = JSON.readTree("""
                {"paths": {"/a": {"get": {"responses": {"200": {}, "404": {}}}, "parameters": []}}}""");
        assertThat(OpenApiOperations.of(document)).isEqualTo(Map.of("GET /a", Set.of("200", "404")));
    }

    @Test
    void reportsUndocumentedUnservedAndStatusDrift() {
        var documented = Map.of("GET /a", Set.of("200"), "POST /b", Set.of("201", "400"));
        var served = Map.of("POST /b", Set.of("201"), "DELETE /c", Set.of("204"));
        assertThat(OpenApiOperations.differences(documented, served)).containsExactlyInAnyOrder(
                "GET /a is documented but not served",
                "POST /b documents statuses [201, 400] but serves [201]",
                "DELETE /c is served but not documented");
    }

    @Test
    void agreementIsNoDifference() {
        var same = Map.of("GET /a", Set.of("200"));
        assertThat(OpenApiOperations.differences(same, same)).isEmpty();
    }
}
