package io.tollgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaDocTest {

    private static final List<String> DOC = List.of(
            "# identity", "", "## `orgs`", "The tenants.", "", "| column | type | meaning |", "|---|---|---|",
            "| `id` | uuid | key |", "| `slug` | text | handle |", "", "## Notes", "| `stray` | x | not a table row |");

    @Test
    void readsColumnsUnderTheirTableHeadings() {
        assertThat(SchemaDoc.documentedColumns(DOC)).containsExactly("orgs.id", "orgs.slug");
    }

    @Test
    void reportsAnUndocumentedColumnAndADocumentedGhost() {
        assertThat(SchemaDoc.differences(Set.of("orgs.id", "orgs.status"), Set.of("orgs.id", "orgs.slug")))
                .containsExactlyInAnyOrder("orgs.status is not documented", "orgs.slug is documented but does not exist");
    }
}
