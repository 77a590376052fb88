package io.tollgate.policy.internal.application;

import io.tollgate.policy.internal.source.DirectorySource;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.policy.internal.source.PolicySource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The policy source the configuration names: a repository, a directory, or none (GitOps off). */
@ApplicationScoped
public class ConfiguredSource {

    private final Optional<PolicySource> source;

    public ConfiguredSource(GitOpsConfig config, EnvironmentVariables environment) {
        if (config.url().isPresent()) {
            ConfiguredAccess access = new ConfiguredAccess(config, environment);
            source = Optional.of(new GitSource(config.url().get(), config.branch(), config.path().orElse(""),
                    config.dataDir(), access::get));
        } else {
            source = config.directory().map(DirectorySource::new);
        }
    }

    public Optional<PolicySource> get() {
        return source;
    }
}
