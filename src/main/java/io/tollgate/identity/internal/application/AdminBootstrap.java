package io.tollgate.identity.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.identity.internal.domain.NewUser;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first start against an empty identity database, creates the platform superadmin from
 * {@code TOLLGATE_ADMIN_EMAIL} and {@code TOLLGATE_ADMIN_PASSWORD}; with no password given, generates one and
 * prints it once. Never again once any user exists; an advisory lock makes concurrent replicas agree.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    /** Arbitrary constant naming the bootstrap's advisory lock. */
    private static final long LOCK = 0x746f6c6c67617465L;

    private final Pool identity;
    private final UserService users;
    private final String email;
    private final Optional<String> password;

    public AdminBootstrap(@ReactiveDataSource("identity") Pool identity, UserService users,
            @ConfigProperty(name = "tollgate.admin.email", defaultValue = "admin@tollgate.local") String email,
            @ConfigProperty(name = "tollgate.admin.password") Optional<String> password) {
        this.identity = identity;
        this.users = users;
        this.email = email;
        this.password = password;
    }

    void onStart(@Observes StartupEvent start) {
        boolean created = identity.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK))
                .flatMap(locked -> tx.query("SELECT NOT EXISTS (SELECT 1 FROM users)").execute())
                .map(rows -> rows.iterator().next().getBoolean(0)))
                .await().indefinitely();
        if (!created) {
            return;
        }
        String secret = password.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::generatePassword);
        users.create(NewUser.of(email, "Tollgate administrator", secret), true, Actor.system("bootstrap"))
                .onFailure().invoke(e -> LOG.errorf("Bootstrap superadmin not created: %s", e.getMessage()))
                .await().indefinitely();
        if (password.filter(p -> !p.isBlank()).isPresent()) {
            LOG.infof("Created the superadmin %s with the password from TOLLGATE_ADMIN_PASSWORD", email);
        } else {
            LOG.warnf("Created the superadmin %s with the generated password %s — shown once; change it or set "
                    + "TOLLGATE_ADMIN_PASSWORD before the first start", email, secret);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
