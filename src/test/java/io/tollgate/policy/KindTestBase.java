package io.tollgate.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.identity.internal.application.OrgService;
import io.tollgate.identity.internal.application.ProjectService;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.policy.api.PolicyKind;
import io.tollgate.policy.api.PolicyObject;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** What the kinds' tests share: the kinds as the application holds them, and the table of cases. */
abstract class KindTestBase {

    static final Actor GIT = Actor.system("policy-test");

    @Inject
    @Any
    Instance<PolicyKind> kinds;

    @Inject
    OrgService orgs;

    @Inject
    ProjectService projects;

    @Inject
    ProviderService providers;

    @Inject
    ModelService models;

    KindCases cases;

    @BeforeEach
    void cases() {
        cases = new KindCases(kinds, orgs, projects, providers, models);
    }

    PolicyKind kind(String name) {
        return kinds.stream().filter(kind -> kind.traits().kind().equals(name)).findFirst().orElseThrow();
    }

    /** The spec the platform holds for {@code ref}, as its kind observes it. */
    Optional<ObjectNode> observed(ObjectRef ref) {
        return await(kind(ref.kind()).observe()).stream().filter(o -> o.ref().equals(ref)).map(PolicyObject::spec)
                .findFirst();
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }
}
