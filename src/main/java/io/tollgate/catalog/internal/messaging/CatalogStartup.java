package io.tollgate.catalog.internal.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.catalog.internal.application.CatalogConfig;
import io.tollgate.catalog.internal.application.CatalogSeeder;
import io.tollgate.catalog.internal.application.CredentialVault;
import io.tollgate.platform.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Management-role start: refuses to start without a usable key-encryption key (so that a misconfiguration
 * shows at deploy time, not at the first provider write), then seeds an empty catalog.
 */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class CatalogStartup {

    private static final Logger LOG = Logger.getLogger(CatalogStartup.class);

    private final CredentialVault vault;
    private final CatalogSeeder seeder;
    private final CatalogConfig config;

    public CatalogStartup(CredentialVault vault, CatalogSeeder seeder, CatalogConfig config) {
        this.vault = vault;
        this.seeder = seeder;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        LOG.infof("Provider credentials are encrypted under key-encryption key '%s'", vault.activeKeyId());
        if (config.seed().enabled()) {
            seeder.seedIfEmpty().subscribe().with(
                    created -> {
                        if (!created.isEmpty()) {
                            LOG.infof("Seeded an empty catalog with the models %s", created);
                        }
                    },
                    failure -> LOG.warnf("Seeding the catalog failed: %s", failure.getMessage()));
        }
    }
}
