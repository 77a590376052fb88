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
import java.util.List;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            organisation with a status | {apiVersion: tollgate.io/v1, kind: Organization, metadata: {name: acme, labels: {team: platform}}, spec: {displayName: Acme, status: suspended}}
            project                    | {apiVersion: tollgate.io/v1, kind: Project, metadata: {namespace: acme, name: search}, spec: {displayName: Search}}
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
            """)
    void malformedDocumentsAreRefusedWhereTheyAreWrong(String what, String yaml, String where) {
        List<Error> errors = errors(Documents.tree(yaml));

        assertThat(errors).isNotEmpty();
        assertThat(errors).extracting(error -> error.getInstanceLocation().toString().replace("$", ""))
                .as(errors.toString()).contains(where);
    }
}
