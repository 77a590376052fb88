package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.identity.internal.domain.NewOrg;
import io.tollgate.platform.error.TollgateException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NewOrgTest {

    @ParameterizedTest
    @CsvSource({ "ab", "acme", "acme-corp", "a1-b2-c3", "0rg" })
    void acceptsDnsLabelSlugs(String slug) {
        assertThat(NewOrg.of(slug, "Name").slug()).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource({ "a", "-acme", "acme-", "Acme", "ac_me", "ac me", "acmé",
            "a234567890123456789012345678901234567890123456789012345678901234" })
    void rejectsOtherSlugs(String slug) {
        assertThatThrownBy(() -> NewOrg.of(slug, "Name")).isInstanceOf(TollgateException.class)
                .extracting(e -> ((TollgateException) e).fieldErrors()).isEqualTo(
                        Map.of("slug", "must be 2-63 lower-case letters, digits or inner hyphens"));
    }

    @Test
    void trimsTheNameAndReportsEveryProblemAtOnce() {
        assertThat(NewOrg.of("acme", "  Acme Corp ").name()).isEqualTo("Acme Corp");
        assertThatThrownBy(() -> NewOrg.of(null, null)).isInstanceOf(TollgateException.class)
                .extracting(e -> ((TollgateException) e).fieldErrors())
                .isEqualTo(Map.of("slug", "is required", "name", "is required"));
        assertThatThrownBy(() -> NewOrg.of("acme", "x".repeat(201)))
                .extracting(e -> ((TollgateException) e).fieldErrors()).isEqualTo(Map.of("name", "must be at most 200 characters"));
        assertThatThrownBy(() -> NewOrg.of("acme", "bad\u0007name"))
                .extracting(e -> ((TollgateException) e).fieldErrors()).isEqualTo(Map.of("name", "must not contain control characters"));
    }
}
