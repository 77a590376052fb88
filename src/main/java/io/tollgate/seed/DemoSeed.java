package io.tollgate.seed;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.identity.api.Tenancy;
import io.tollgate.keys.api.KeyIssuing;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When demo seeding is on and no organisation exists yet, creates the organisation {@code demo} with the
 * project {@code default} and an inference key, and prints the key once. Never again after that.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class DemoSeed {

    private static final Logger LOG = Logger.getLogger(DemoSeed.class);

    private final Tenancy tenancy;
    private final KeyIssuing keys;
    private final boolean enabled;

    public DemoSeed(Tenancy tenancy, KeyIssuing keys, @ConfigProperty(name = "tollgate.seed.demo") boolean enabled) {
        this.tenancy = tenancy;
        this.keys = keys;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled || tenancy.hasOrganisations().await().indefinitely()) {
            return;
        }
        Actor seed = Actor.system("demo-seed");
        UUID org = tenancy.createOrganisation("demo", "Demo organisation", seed).await().indefinitely();
        UUID project = tenancy.createProject(org, "default", "Default project", seed).await().indefinitely();
        String key = keys.issueInferenceKey(org, project, "demo key", seed).await().indefinitely();
        LOG.warnf("Seeded the demo organisation 'demo' (%s) with project 'default' (%s) and the inference key %s "
                + "— shown once; revoke it with DELETE /admin/v1/orgs/%s/keys/{keyId}", org, project, key, org);
    }
}
