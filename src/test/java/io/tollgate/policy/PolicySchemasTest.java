package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published JSON Schemas accept well-formed documents and refuse malformed ones, saying where. */
class PolicySchemasTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static List<Error> errors(JsonNode document) {
        String kind = document.path("kind").asText();
        try (InputStream schema = PolicySchemasTest.class.getResourceAsStream("/policy/schemas/" + kind + ".json")) {
            assertThat(schema).as("schema of kind " + kind).isNotNull();
            Schema compiled = REGISTRY.getSchema(schema);
            return compiled.validate(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final Path EXAMPLES = Path.of("examples/policies");

    @Test
    void everyExampleDocumentIsValidAndNamedOnce() {
        List<JsonNode> documents = Documents.under(EXAMPLES);

        assertThat(documents).extracting(d -> d.path("kind").asText()).containsOnly("Organization", "Project",
                "RoleBinding", "Provider", "Model", "Price", "RateLimit", "Budget")
                .contains("Organization", "Project", "RoleBinding", "Provider", "Model", "Price", "RateLimit", "Budget");
        documents.forEach(document -> assertThat(errors(document)).as(document.toString()).isEmpty());
        assertThat(documents).extracting(d -> Documents.object(d).ref()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            organisation with a status | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme, labels: {team: platform}}, spec: {displayName: Acme, status: suspended}}
            project                    | {apiVersion: tollgate.io/v1, kind: Project, metadata: {namespace: acme, name: search}, spec: {displayName: Search}}
            platform-wide simulator    | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {name: simulator}, spec: {type: simulator}}
            organisation's Azure       | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {namespace: acme, name: azure}, spec: {type: azure-openai, baseUrl: "https://acme.openai.azure.com", apiVersion: "2024-10-21", timeouts: {totalMs: 60000}}}
            model with a fallback      | {apiVersion: tollgate.io/v1, kind: Model, metadata: {name: gpt-4o}, spec: {deployments: [{provider: openai, upstreamModel: gpt-4o}], fallbacks: [{model: gpt-4o-mini}]}}
            price                      | {apiVersion: tollgate.io/v1, kind: Price, metadata: {name: gpt-4o}, spec: {inputPer1M: "2.50", outputPer1M: "10", currency: USD}}
            role binding               | {apiVersion: tollgate.io/v1, kind: RoleBinding, metadata: {namespace: acme, name: ana@example.com}, spec: {role: developer}}
            project rate limit         | {apiVersion: tollgate.io/v1, kind: RateLimit, metadata: {namespace: acme, name: search}, spec: {requestsPerMinute: 100, models: {gpt-4o: {tokensPerMinute: 50000}}}}
            budget                     | {apiVersion: tollgate.io/v1, kind: Budget, metadata: {namespace: acme, name: acme}, spec: {monthly: "500", currency: EUR}}
            """)
    void wellFormedDocumentsAreAccepted(String what, String yaml) {
        assertThat(errors(Documents.tree(yaml))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong apiVersion                 | {apiVersion: tollgate.io/v2, kind: Organization, metadata: {name: acme}, spec: {displayName: Acme}}              | /apiVersion
            organisation in a namespace      | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme, namespace: acme}, spec: {displayName: Acme}} | /metadata
            slug with upper case             | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: Acme}, spec: {displayName: Acme}}              | /metadata/name
            unknown status                   | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme}, spec: {displayName: Acme, status: gone}} | /spec/status
            unknown spec field               | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme}, spec: {displayName: Acme, owner: bob}}   | /spec
            blank display name               | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme}, spec: {displayName: '   '}}             | /spec/displayName
            project without its organisation | {apiVersion: tollgate.io/v1, kind: Project, metadata: {name: search}, spec: {displayName: Search}}              | /metadata
            project without a spec           | {apiVersion: tollgate.io/v1, kind: Project, metadata: {namespace: acme, name: search}}                          | ''
            provider with its API key        | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {name: openai}, spec: {type: openai, baseUrl: "https://api.openai.com/v1", apiKey: sk-1}} | /spec
            openai without a base URL        | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {name: openai}, spec: {type: openai}} | /spec
            API version of a non-Azure type  | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {name: openai}, spec: {type: simulator, apiVersion: "2024-10-21"}} | /spec
            timeout of zero                  | {apiVersion: tollgate.io/v1, kind: Provider, metadata: {name: sim}, spec: {type: simulator, timeouts: {idleMs: 0}}} | /spec/timeouts/idleMs
            model without deployments        | {apiVersion: tollgate.io/v1, kind: Model, metadata: {name: gpt-4o}, spec: {strategy: weighted}} | /spec
            deployment weight out of bounds  | {apiVersion: tollgate.io/v1, kind: Model, metadata: {name: gpt-4o}, spec: {deployments: [{provider: openai, upstreamModel: gpt-4o, weight: 1001}]}} | /spec/deployments/0/weight
            model name with a space          | {apiVersion: tollgate.io/v1, kind: Model, metadata: {name: "gpt 4o"}, spec: {deployments: [{provider: openai, upstreamModel: gpt-4o}]}} | /metadata/name
            price as a JSON number           | {apiVersion: tollgate.io/v1, kind: Price, metadata: {name: gpt-4o}, spec: {inputPer1M: 2.5, outputPer1M: "10", currency: USD}} | /spec/inputPer1M
            rate limit above the maximum     | {apiVersion: tollgate.io/v1, kind: RateLimit, metadata: {namespace: acme, name: acme}, spec: {requestsPerMinute: 2000000}} | /spec/requestsPerMinute
            negative model limit             | {apiVersion: tollgate.io/v1, kind: RateLimit, metadata: {namespace: acme, name: acme}, spec: {models: {gpt-4o: {maxConcurrent: -1}}}} | /spec/models/gpt-4o/maxConcurrent
            rate limit without its org       | {apiVersion: tollgate.io/v1, kind: RateLimit, metadata: {name: acme}, spec: {requestsPerMinute: 1}} | /metadata
            budget without any limit         | {apiVersion: tollgate.io/v1, kind: Budget, metadata: {namespace: acme, name: acme}, spec: {currency: USD}} | /spec
            budget with seven decimals       | {apiVersion: tollgate.io/v1, kind: Budget, metadata: {namespace: acme, name: acme}, spec: {daily: "1.1234567", currency: USD}} | /spec/daily
            role binding of a capitalised address | {apiVersion: tollgate.io/v1, kind: RoleBinding, metadata: {namespace: acme, name: Ana@example.com}, spec: {role: developer}} | /metadata/name
            unknown role                     | {apiVersion: tollgate.io/v1, kind: RoleBinding, metadata: {namespace: acme, name: ana@example.com}, spec: {role: superadmin}} | /spec/role
            lower-case currency              | {apiVersion: tollgate.io/v1, kind: Price, metadata: {name: gpt-4o}, spec: {inputPer1M: "2.5", outputPer1M: "10", currency: usd}} | /spec/currency
            """)
    void malformedDocumentsAreRefusedWhereTheyAreWrong(String what, String yaml, String where) {
        List<Error> errors = errors(Documents.tree(yaml));

        assertThat(errors).isNotEmpty();
        assertThat(errors).extracting(error -> error.getInstanceLocation().toString().replace("$", ""))
                .as(errors.toString()).contains(where);
    }
}
