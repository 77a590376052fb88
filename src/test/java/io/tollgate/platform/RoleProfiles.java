package io.tollgate.platform;

import java.util.Map;

/**
 * What a role profile, which inherits {@code prod}, takes from the environment in production, for a test: local
 * broker and database credentials and the test key-encryption key of {@code %test} (not a secret).
 */
final class RoleProfiles {

    private RoleProfiles() {
    }

    static Map<String, String> testOverrides() {
        String dbPassword = System.getenv().getOrDefault("TOLLGATE_DB_PASSWORD", "tollgate-local");
        return Map.of("rabbitmq-username", "guest", "rabbitmq-password", "guest", "tollgate.db.password", dbPassword,
                "tollgate.catalog.kek.active", "local-dev-only",
                "tollgate.catalog.kek.keys.local-dev-only", "bG9jYWwtZGV2LW9ubHktbm90LWEtc2VjcmV0LWtleSE=",
                "quarkus.log.console.json.enabled", "false");
    }
}
