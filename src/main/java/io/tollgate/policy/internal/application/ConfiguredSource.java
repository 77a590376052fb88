package io.tollgate.policy.internal.application;

import io.tollgate.policy.internal.source.DirectorySource;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.policy.internal.source.PolicySource;
import io.tollgate.policy.internal.source.SourceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** The policy source the configuration names: a repository, a directory, or none (GitOps off). */
@ApplicationScoped
public class ConfiguredSource {

    private final Optional<PolicySource> source;

    public ConfiguredSource(GitOpsConfig config, EnvironmentVariables environment) {
        if (config.url().isPresent()) {
            source = Optional.of(new GitSource(config.url().get(), config.branch(), config.path().orElse(""),
                    config.dataDir(), () -> credentials(config, environment)));
        } else {
            source = config.directory().map(DirectorySource::new);
        }
    }

    public Optional<PolicySource> get() {
        return source;
    }

    private static Optional<CredentialsProvider> credentials(GitOpsConfig config, EnvironmentVariables environment) {
        return config.tokenEnv().map(name -> {
            String token = environment.get(name).orElseThrow(
                    () -> new SourceException("tollgate.gitops.token-env names " + name + ", which is not set"));
            return new UsernamePasswordCredentialsProvider(config.username(), token);
        });
    }
}
