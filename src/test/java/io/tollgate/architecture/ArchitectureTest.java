package io.tollgate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The product's code obeys every architecture rule (the planted violations are in {@link ArchitectureRulesCanFailTest}). */
class ArchitectureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate");

    static Stream<ArchRule> rules() {
        return new TollgateRules("io.tollgate").all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productObeys(ArchRule rule) {
        rule.check(PRODUCT);
    }
}
