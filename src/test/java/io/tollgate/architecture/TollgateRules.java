package io.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.vertx.web.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tollgate's architecture rules, for a root package: {@code io.tollgate} for the product, {@code archfixture}
 * for the planted violations that prove each rule can fail.
 */
final class TollgateRules {

    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            PATCH.class, DELETE.class, HEAD.class, OPTIONS.class);
    private static final String ROLE_PROPERTY_PREFIX = "tollgate.role.";
    private static final List<Class<? extends Annotation>> ACCESS_ANNOTATIONS = List.of(PermissionsAllowed.class,
            PermitAll.class, Authenticated.class);

    private final String root;

    TollgateRules(String root) {
        this.root = root;
    }

    /** The shared kernel depends on no context. */
    ArchRule platformIsALeaf() {
        return noClasses().that().resideInAPackage(root + ".platform..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to a bounded context",
                        (JavaClass target) -> target.getPackageName().startsWith(root + ".")
                                && !target.getPackageName().startsWith(root + ".platform")))
                .allowEmptyShould(true);
    }

    /** A context's {@code internal} package is used only by that context. */
    ArchRule internalsStayInside() {
        Pattern internal = Pattern.compile(Pattern.quote(root) + "\\.([a-z]+)\\.internal(\\..*)?");
        return classes().that().resideInAPackage(root + "..").should(new ArchCondition<>("use no other context's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Matcher target = internal.matcher(dependency.getTargetClass().getPackageName());
                    if (target.matches() && !origin.getPackageName().startsWith(root + "." + target.group(1))) {
                        events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
                    }
                }
            }
        });
    }

    /** Contexts (and the kernel) form no dependency cycle. */
    ArchRule contextsAreAcyclic() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** The gateway holds no database: none of the client, pool or migration types. */
    ArchRule gatewayHasNoDatasource() {
        return noClasses().that().resideInAPackage(root + ".gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..",
                        "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..", "java.sql..", "javax.sql..", "io.agroal..",
                        "org.flywaydb..", "io.quarkus.reactive.datasource..", "io.quarkus.agroal..")
                .allowEmptyShould(true);
    }

    /** Domain code is plain Java: no Quarkus, Vert.x, Mutiny or JAX-RS. */
    ArchRule domainIsFrameworkFree() {
        return noClasses().that().resideInAPackage(root + "..internal.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.netty..")
                .allowEmptyShould(true);
    }

    /**
     * Every management endpoint states who may call it: a permission, an explicit {@code @PermitAll}, or
     * {@code @Authenticated} for endpoints that decide per object from the caller's grants (e.g. lists filtered
     * to the caller's organisations; ADR 0007).
     */
    ArchRule endpointsDeclareAccess() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("are HTTP resource methods outside /v1",
                        (JavaMethod method) -> HTTP_METHODS.stream().anyMatch(method::isAnnotatedWith)
                                && !servesV1(method.getOwner())))
                .should(new ArchCondition<>("carry @PermissionsAllowed, @PermitAll or @Authenticated (on the method or its class)") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean declared = ACCESS_ANNOTATIONS.stream().anyMatch(
                                annotation -> method.isAnnotatedWith(annotation) || method.getOwner().isAnnotatedWith(annotation));
                        if (!declared) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " declares no access rule"));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    /**
     * REST resources, Vert.x routes, consumers, scheduled jobs and outbox sources belong to a role, so role builds
     * include only their own. The kernel's scheduled jobs are exempt: they run in every build over what the
     * contexts' role-bound beans give them (the outbox relay over the build's outbox sources).
     */
    ArchRule entryPointsBelongToARole() {
        return classes().that().resideInAPackage(root + "..")
                .and(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are REST resources, routes, consumers, scheduled jobs outside the kernel or outbox sources",
                        (JavaClass type) -> type.isAnnotatedWith(Path.class) || type.getMethods().stream().anyMatch(
                                m -> m.isAnnotatedWith(Incoming.class) || m.isAnnotatedWith(Route.class)
                                        || m.isAnnotatedWith(Scheduled.class) && !inKernel(type)
                                        || m.isAnnotatedWith(Produces.class) && producesOutboxSource(m))))
                .should(new ArchCondition<>("carry @IfBuildProperty on a tollgate.role.* property") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        boolean roleBound = type.tryGetAnnotationOfType(IfBuildProperty.class)
                                .map(condition -> condition.name().startsWith(ROLE_PROPERTY_PREFIX))
                                .orElse(false);
                        if (!roleBound) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " belongs to no role"));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    List<ArchRule> all() {
        return List.of(platformIsALeaf(), internalsStayInside(), contextsAreAcyclic(), gatewayHasNoDatasource(),
                domainIsFrameworkFree(), endpointsDeclareAccess(), entryPointsBelongToARole());
    }

    private boolean inKernel(JavaClass type) {
        return type.getPackageName().startsWith(root + ".platform");
    }

    private boolean producesOutboxSource(JavaMethod producer) {
        return producer.getRawReturnType().getName().equals(root + ".platform.outbox.OutboxSource");
    }

    private static boolean servesV1(JavaClass resource) {
        return resource.tryGetAnnotationOfType(Path.class)
                .map(path -> path.value().equals("/v1") || path.value().startsWith("/v1/"))
                .orElse(false);
    }
}
