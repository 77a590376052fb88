package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.Scope;
import io.tollgate.policy.internal.documents.DocumentReader;
import io.tollgate.policy.internal.documents.DocumentReader.Reading;
import io.tollgate.policy.internal.documents.KindSchemas;
import io.tollgate.policy.internal.documents.SourceFile;
import io.tollgate.policy.internal.domain.DocumentError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading policy documents: every error names its file and line, and one bad document fails the whole set. */
class PolicyDocumentsTest {

    private final DocumentReader reader = new DocumentReader(Map.<String, PolicyKind>of(
            "Widget", new InMemoryKind("Widget", 10, Scope.EITHER, true)), new KindSchemas());

    @Test
    void multiDocumentFileYieldsEachObjectWithItsLineAndNormalisedSpec() {
        Reading reading = reader.readFiles(List.of(new SourceFile("widgets/all.yaml", """
                # two widgets
                apiVersion: tollgate.io/v1
                kind: Widget
                metadata:
                  name: small
                spec:
                  colour: red
                ---
                apiVersion: tollgate.io/v1
                kind: Widget
                metadata:
                  name: exact
                  namespace: acme
                spec:
                  size: 3
                  price: 0.1000000000000000000001
                """)));

        assertThat(reading.errors()).isEmpty();
        assertThat(reading.declared()).hasSize(2);
        assertThat(reading.declared().get(0).location().line()).isEqualTo(2);
        assertThat(reading.declared().get(0).object().spec().get("size").asInt()).isEqualTo(1);
        assertThat(reading.declared().get(1).object().ref()).isEqualTo(new ObjectRef("Widget", "acme", "exact"));
        assertThat(reading.declared().get(1).location().line()).isEqualTo(9);
        assertThat(reading.declared().get(1).object().spec().get("price").decimalValue())
                .isEqualByComparingTo("0.1000000000000000000001");
    }

    @Test
    void schemaViolationNamesTheLineOfTheOffendingField() {
        Reading reading = reader.readFiles(List.of(new SourceFile("w.yaml", """
                apiVersion: tollgate.io/v1
                kind: Widget
                metadata:
                  name: bad
                spec:
                  colour: purple
                  size: 0
                """)));

        assertThat(reading.declared()).isEmpty();
        assertThat(reading.errors()).extracting(DocumentError::line).containsExactlyInAnyOrder(6, 7);
        assertThat(reading.errors()).allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("w.yaml");
            assertThat(e.kind()).isEqualTo("Widget");
            assertThat(e.name()).isEqualTo("bad");
        });
        assertThat(reading.errors()).anySatisfy(e -> assertThat(e.reason()).startsWith("/spec/colour: "));
    }

    @Test
    void malformedYamlUnknownKindAndWrongApiVersionAreErrorsWithLines() {
        Reading reading = reader.readFiles(List.of(
                new SourceFile("broken.yaml", "apiVersion: tollgate.io/v1\nkind: Widget\nmetadata: {name: [unclosed\n"),
                new SourceFile("unknown.yaml", "apiVersion: tollgate.io/v1\n\nkind: Gizmo\nmetadata: {name: g}\nspec: {}\n"),
                new SourceFile("version.yaml", "apiVersion: v2\nkind: Widget\nmetadata: {name: v}\nspec: {}\n"),
                new SourceFile("list.yaml", "- just\n- a list\n"),
                new SourceFile("twice.yaml", "apiVersion: tollgate.io/v1\nkind: Widget\nkind: Widget\n")));

        assertThat(reading.declared()).isEmpty();
        assertThat(reading.errors()).extracting(DocumentError::file, DocumentError::line).containsExactlyInAnyOrder(
                tuple("broken.yaml", 3),
                tuple("unknown.yaml", 3),
                tuple("version.yaml", 1),
                tuple("list.yaml", 1),
                tuple("twice.yaml", 3));
        assertThat(reading.errors()).anySatisfy(e -> assertThat(e.reason()).contains("unknown kind 'Gizmo'"));
    }

    @Test
    void duplicateObjectsAndWrongNamespacesAreRejected() {
        DocumentReader platformOnly = new DocumentReader(Map.<String, PolicyKind>of(
                "Widget", new InMemoryKind("Widget", 10, Scope.PLATFORM, true)), new KindSchemas());
        Reading reading = platformOnly.readFiles(List.of(
                new SourceFile("a.yaml", "apiVersion: tollgate.io/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n"),
                new SourceFile("b.yaml", "\napiVersion: tollgate.io/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n"),
                new SourceFile("c.yaml", "apiVersion: tollgate.io/v1\nkind: Widget\nmetadata: {name: n, namespace: acme}\n"
                        + "spec: {}\n")));

        assertThat(reading.errors()).extracting(DocumentError::file, DocumentError::line, DocumentError::reason)
                .containsExactlyInAnyOrder(
                        tuple("b.yaml", 2, "Widget/w is already declared at a.yaml:1"),
                        tuple("c.yaml", 1,
                                "Widget is platform-wide: metadata.namespace must be absent"));
    }
}
