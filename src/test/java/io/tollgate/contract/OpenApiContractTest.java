package io.tollgate.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents under {@code openapi/} are the source of truth: the running application serves exactly
 * their operations, each with exactly the documented statuses, and nothing else.
 */
@QuarkusTest
class OpenApiContractTest {

    @Test
    void servedOperationsMatchTheDocumentsBothWays() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode management = yaml.readTree(Path.of("openapi/management.yaml").toFile());
        JsonNode gateway = yaml.readTree(Path.of("openapi/gateway.yaml").toFile());
        JsonNode served = new ObjectMapper().readTree(
                given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString());

        assertThat(OpenApiOperations.differences(OpenApiOperations.of(management, gateway), OpenApiOperations.of(served)))
                .isEmpty();
    }
}
