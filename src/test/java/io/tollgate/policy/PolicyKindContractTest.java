package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every kind keeps with the reconciler, over the real services: what is created is observed exactly
 * as normalised, an update changes what Git manages, a change made outside Git shows as a difference, and an
 * object is deleted only where its kind prunes.
 */
@QuarkusTest
class PolicyKindContractTest extends KindTestBase {

    static Stream<String> kindNames() {
        return KindCases.KINDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void createdObjectIsObservedAsNormalised(String kindName) {
        PolicyKind kind = kind(kindName);
        PolicyObject declared = cases.of(kindName).arrange();

        await(kind.create(declared, GIT));

        assertThat(observed(declared.ref())).contains(kind.normalise(declared.spec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void updateSetsTheDeclaredFields(String kindName) {
        PolicyKind kind = kind(kindName);
        KindCases.Case kindCase = cases.of(kindName);
        PolicyObject declared = kindCase.arrange();
        await(kind.create(declared, GIT));

        PolicyObject changed = new PolicyObject(declared.ref(), kindCase.changed(declared));
        assertThat(kind.normalise(changed.spec())).isNotEqualTo(kind.normalise(declared.spec()));
        await(kind.update(changed, GIT));

        assertThat(observed(declared.ref())).contains(kind.normalise(changed.spec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void aChangeMadeOutsideGitShowsAsADifference(String kindName) {
        PolicyKind kind = kind(kindName);
        KindCases.Case kindCase = cases.of(kindName);
        PolicyObject declared = kindCase.arrange();
        await(kind.create(declared, GIT));

        kindCase.drift(declared);

        assertThat(observed(declared.ref())).isPresent().get().isNotEqualTo(kind.normalise(declared.spec()));
        await(kind.update(declared, GIT));
        assertThat(observed(declared.ref())).contains(kind.normalise(declared.spec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void onlyPrunableKindsDelete(String kindName) {
        PolicyKind kind = kind(kindName);
        PolicyObject declared = cases.of(kindName).arrange();
        await(kind.create(declared, GIT));

        if (kind.traits().prunable()) {
            await(kind.delete(declared.ref(), GIT));
            assertThat(observed(declared.ref())).isEmpty();
        } else {
            assertThatThrownBy(() -> await(kind.delete(declared.ref(), GIT))).isInstanceOfSatisfying(
                    TollgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
            assertThat(observed(declared.ref())).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void referencesToMissingObjectsFailClearly(String kindName) {
        PolicyKind kind = kind(kindName);
        Optional<PolicyObject> dangling = cases.of(kindName).dangling();
        assumeTrue(dangling.isPresent(), kindName + " refers to nothing");

        assertThatThrownBy(() -> await(kind.create(dangling.get(), GIT)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE);
                    assertThat(e.getMessage()).startsWith("There is no ");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindNames")
    void invalidValuesAreRefusedByTheService(String kindName) {
        PolicyKind kind = kind(kindName);
        KindCases.Case kindCase = cases.of(kindName);
        PolicyObject declared = kindCase.arrange();
        PolicyObject invalid = new PolicyObject(declared.ref(), kindCase.invalid(declared));

        assertThatThrownBy(() -> await(kind.create(invalid, GIT))).isInstanceOfSatisfying(TollgateException.class,
                e -> assertThat(e.kind()).isIn(ErrorKind.VALIDATION, ErrorKind.UNPROCESSABLE));
        assertThat(observed(declared.ref())).isEmpty();
    }
}
