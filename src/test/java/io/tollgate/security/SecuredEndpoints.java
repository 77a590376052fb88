package io.tollgate.security;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.security.PermissionsAllowed;
import io.tollgate.platform.security.OrgPermission;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every management endpoint guarded by a permission, read from the compiled resources (never a hand-kept list). */
final class SecuredEndpoints {

    /** One endpoint: HTTP method, path template, the permission it requires, and whether that is per organisation. */
    record Endpoint(String method, String path, String permission, boolean orgScoped) {
        String label() {
            return method + " " + path;
        }
    }

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE");

    private SecuredEndpoints() {
    }

    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        forEachMethod((verb, path, method) -> {
            // Read as class-file data, not reflection: inside a Quarkus test the classes live in another loader.
            var permission = method.tryGetAnnotationOfType(PermissionsAllowed.class.getName());
            if (permission.isEmpty()) {
                return;
            }
            boolean orgScoped = permission.get().get("permission")
                    .map(type -> ((JavaClass) type).getName().equals(OrgPermission.class.getName())).orElse(false);
            for (String required : (String[]) permission.get().get("value").orElseThrow()) {
                endpoints.add(new Endpoint(verb, path, required, orgScoped));
            }
        });
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return endpoints;
    }

    /** Management endpoints without a session ({@code @PermitAll}, outside {@code /v1}), as "METHOD path", sorted. */
    static List<String> open() {
        List<String> open = new ArrayList<>();
        forEachMethod((verb, path, method) -> {
            if (!path.startsWith("/v1") && (method.isAnnotatedWith(PermitAll.class.getName())
                    || method.getOwner().isAnnotatedWith(PermitAll.class.getName()))) {
                open.add(verb + " " + path);
            }
        });
        open.sort(Comparator.naturalOrder());
        return open;
    }

    private interface ResourceMethod {
        void accept(String verb, String path, JavaMethod method);
    }

    private static void forEachMethod(ResourceMethod action) {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
        for (JavaClass resource : classes) {
            if (!resource.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = resource.getAnnotationOfType(Path.class).value();
            for (JavaMethod method : resource.getMethods()) {
                var verb = VERBS.entrySet().stream().filter(v -> method.isAnnotatedWith(v.getKey())).findFirst();
                if (verb.isPresent()) {
                    action.accept(verb.get().getValue(),
                            base + method.tryGetAnnotationOfType(Path.class).map(Path::value).orElse(""), method);
                }
            }
        }
    }
}
