package io.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule catches the violation planted for it in the {@code archfixture} package. */
class ArchitectureRulesCanFailTest {

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("archfixture");
    private static final TollgateRules RULES = new TollgateRules("archfixture");

    static Stream<Arguments> plantedViolations() {
        return Stream.of(
                planted("platformIsALeaf", TollgateRules::platformIsALeaf, "archfixture.platform.LeakyKernel"),
                planted("internalsStayInside", TollgateRules::internalsStayInside, "archfixture.identity.internal.rest.PeekingResource"),
                planted("contextsAreAcyclic", TollgateRules::contextsAreAcyclic, "Cycle detected"),
                planted("gatewayHasNoDatasource", TollgateRules::gatewayHasNoDatasource, "archfixture.gateway.DatabaseOnTheHotPath"),
                planted("domainIsFrameworkFree", TollgateRules::domainIsFrameworkFree, "archfixture.identity.internal.domain.ReactiveDomain"),
                planted("endpointsDeclareAccess", TollgateRules::endpointsDeclareAccess, "PeekingResource.open()"),
                planted("entryPointsBelongToARole", TollgateRules::entryPointsBelongToARole, "archfixture.worker.RolelessConsumer"),
                planted("entryPointsBelongToARole (outbox)", TollgateRules::entryPointsBelongToARole,
                        "archfixture.keys.internal.RolelessOutboxSource"));
    }

    private static Arguments planted(String name, Function<TollgateRules, ArchRule> rule, String culprit) {
        return Arguments.of(name, rule.apply(RULES), culprit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plantedViolations")
    void ruleCatchesItsPlantedViolation(String name, ArchRule rule, String culprit) {
        assertThatThrownBy(() -> rule.check(FIXTURE)).isInstanceOf(AssertionError.class).hasMessageContaining(culprit);
    }
}
