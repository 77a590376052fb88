package io.tollgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rbac.md shows exactly the permissions the code enforces. */
class RbacDocTest {

    @Test
    void rbacDocMatchesTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs/rbac.md"));
        int start = doc.indexOf(RbacDoc.START);
        int end = doc.indexOf(RbacDoc.END);
        assertThat(start).as("docs/rbac.md has the generated markers").isNotNegative();
        String expected = RbacDoc.generated(SecuredEndpoints.all(), SecuredEndpoints.open());
        if (Boolean.getBoolean("tollgate.rbac.write")) { // -Dtollgate.rbac.write=true regenerates the section
            Files.writeString(Path.of("docs/rbac.md"), doc.substring(0, start + RbacDoc.START.length()) + "\n" + expected
                    + doc.substring(end));
            return;
        }
        assertThat(doc.substring(start + RbacDoc.START.length(), end).strip()).isEqualTo(expected.strip());
    }
}
