package io.tollgate.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.error.OpenAiError;
import io.tollgate.platform.error.Problem;
import io.tollgate.platform.events.IntegrationEvent;
import org.junit.jupiter.api.Test;

/**
 * Native-friendliness that can be checked without a native build: classes Jackson serialises outside JAX-RS (events
 * through the outbox, error bodies through ErrorEnvelope) are registered for reflection.
 */
class NativeReflectionTest {

    private static final ArchRule EVENTS_ARE_REGISTERED = classes().that().implement(IntegrationEvent.class)
            .and().areNotInterfaces().should().beAnnotatedWith(RegisterForReflection.class)
            .because("the outbox serialises events with Jackson, which a native image allows only for registered classes");
    private static final ArchRule ERROR_BODIES_ARE_REGISTERED = classes().that()
            .belongToAnyOf(Problem.class, OpenAiError.class).should().beAnnotatedWith(RegisterForReflection.class)
            .because("ErrorEnvelope serialises them with its own ObjectMapper");

    @Test
    void productionClassesAreRegistered() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
        EVENTS_ARE_REGISTERED.check(production);
        ERROR_BODIES_ARE_REGISTERED.check(production);
    }

    @Test
    void anUnregisteredEventIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.tollgate.ops.nativefixture");
        assertThatThrownBy(() -> EVENTS_ARE_REGISTERED.check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UnregisteredEvent");
    }
}
