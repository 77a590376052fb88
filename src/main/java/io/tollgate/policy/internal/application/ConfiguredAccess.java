package io.tollgate.policy.internal.application;

import io.tollgate.policy.internal.source.GitAccess;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.policy.internal.source.KnownHosts;
import io.tollgate.policy.internal.source.SourceException;
import io.tollgate.policy.internal.source.SshAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The access to the configured repository, made at each fetch from settings that name secrets by reference (an
 * environment variable or a mounted file), so only the fetching process needs them and a rotated secret is picked
 * up at the next sync. Settings that do not fit the URL's transport fail the sync with a message saying which.
 */
public final class ConfiguredAccess {

    private final GitOpsConfig config;
    private final EnvironmentVariables env;

    public ConfiguredAccess(GitOpsConfig config, EnvironmentVariables env) {
        this.config = config;
        this.env = env;
    }

    public GitAccess get() {
        String url = config.url().orElseThrow();
        return GitSource.isSsh(url) ? ssh(url) : https(url);
    }

    private GitAccess https(String url) {
        if (config.sshKeyEnv().isPresent() || config.sshKeyFile().isPresent()
                || config.sshKnownHostsFile().isPresent() || config.sshKnownHostsEnv().isPresent()) {
            throw new SourceException("tollgate.gitops.ssh-* settings apply to SSH URLs (ssh://… or user@host:path), "
                    + "not to " + url + ": use tollgate.gitops.token-env for HTTPS");
        }
        return config.tokenEnv()
                .map(name -> GitAccess.token(config.username(), required("tollgate.gitops.token-env", name)))
                .orElseGet(GitAccess::anonymous);
    }

    private GitAccess ssh(String url) {
        if (config.tokenEnv().isPresent()) {
            throw new SourceException("tollgate.gitops.token-env is for HTTPS, but " + url + " is an SSH URL: "
                    + "set tollgate.gitops.ssh-key-env or ssh-key-file instead");
        }
        KnownHosts knownHosts = knownHosts(url);
        Optional<String> passphrase = config.sshKeyPassphraseEnv()
                .map(name -> required("tollgate.gitops.ssh-key-passphrase-env", name));
        if (config.sshKeyEnv().isPresent() == config.sshKeyFile().isPresent()) {
            throw new SourceException(url + " is an SSH URL: set exactly one of tollgate.gitops.ssh-key-env and "
                    + "tollgate.gitops.ssh-key-file");
        }
        if (config.sshKeyEnv().isPresent()) {
            String name = config.sshKeyEnv().get();
            return SshAccess.of("environment variable " + name, required("tollgate.gitops.ssh-key-env", name),
                    passphrase, knownHosts);
        }
        Path file = config.sshKeyFile().get();
        return SshAccess.of("file " + file, read("tollgate.gitops.ssh-key-file", file), passphrase, knownHosts);
    }

    private KnownHosts knownHosts(String url) {
        if (config.sshKnownHostsFile().isPresent() == config.sshKnownHostsEnv().isPresent()) {
            throw new SourceException(url + " is an SSH URL: set exactly one of tollgate.gitops.ssh-known-hosts-file "
                    + "and tollgate.gitops.ssh-known-hosts-env (the server's host keys are always verified)");
        }
        if (config.sshKnownHostsEnv().isPresent()) {
            String name = config.sshKnownHostsEnv().get();
            return KnownHosts.parse("environment variable " + name,
                    required("tollgate.gitops.ssh-known-hosts-env", name));
        }
        Path file = config.sshKnownHostsFile().get();
        return KnownHosts.parse("file " + file, read("tollgate.gitops.ssh-known-hosts-file", file));
    }

    private String required(String setting, String name) {
        return env.get(name).orElseThrow(() -> new SourceException(setting + " names " + name + ", which is not set"));
    }

    private static String read(String setting, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SourceException(setting + " names " + file + ", which cannot be read: " + e, e);
        }
    }
}
