package io.tollgate.policy.internal.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tollgate.policy.internal.domain.DriftMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * GitOps settings (prefix {@code tollgate.gitops}; docs/gitops.md, ADR 0024). GitOps is off unless {@link #url()} or
 * {@link #directory()} is set. No secret is ever configured here: credentials are named by reference.
 */
@ConfigMapping(prefix = "tollgate.gitops")
public interface GitOpsConfig {

    /**
     * The policy repository: {@code https://git.example.com/platform/policies.git}, an SSH URL such as
     * {@code git@git.example.com:platform/policies.git} or {@code ssh://git@git.example.com/platform/policies.git}, or
     * {@code file://…}.
     */
    Optional<String> url();

    /** The branch whose head is applied. */
    @WithDefault("main")
    String branch();

    /** The directory within the repository holding the documents (all {@code .yaml}/{@code .yml} below it). */
    Optional<String> path();

    /** For development instead of a repository: a local directory read as it is (commit shown as {@code local}). */
    Optional<Path> directory();

    /** How often the worker syncs without being asked (an API request or webhook syncs within {@link #pollInterval()}). */
    @WithDefault("60s")
    Duration interval();

    /** How often the worker looks for sync requests. */
    @WithDefault("5s")
    Duration pollInterval();

    /** {@code restore} (default): put Git's values back over API changes to managed fields; {@code report}: only record. */
    @WithDefault("restore")
    DriftMode driftMode();

    /**
     * Per kind, whether objects whose documents are deleted from Git are deleted from the platform, e.g.
     * {@code tollgate.gitops.prune.Budget=true}. Default false: they are left in place and no longer managed.
     */
    Map<String, Boolean> prune();

    /** Where the repository is cloned. */
    @WithDefault("${java.io.tmpdir}/tollgate-gitops")
    Path dataDir();

    /** The HTTPS user name sent with the token ({@code x-access-token} suits GitHub; GitLab takes {@code oauth2}). */
    @WithDefault("x-access-token")
    String username();

    /** The name of the environment variable holding the HTTPS token (never the token itself). */
    Optional<String> tokenEnv();

    /**
     * The name of the environment variable holding the shared secret of the Git host's push webhook (never the secret
     * itself). Unset: {@code POST /admin/v1/gitops/webhook} answers 404 (ADR 0028).
     */
    Optional<String> webhookSecretEnv();

    /** For an SSH URL: the environment variable holding the private key (OpenSSH or PEM; Ed25519, ECDSA or RSA). */
    Optional<String> sshKeyEnv();

    /** For an SSH URL, instead of {@link #sshKeyEnv()}: the private key's file, e.g. a mounted secret. */
    Optional<Path> sshKeyFile();

    /** The name of the environment variable holding the private key's passphrase, if the key is encrypted. */
    Optional<String> sshKeyPassphraseEnv();

    /** For an SSH URL: the known_hosts file listing the server's host keys (required: unknown keys are refused). */
    Optional<Path> sshKnownHostsFile();

    /** Instead of {@link #sshKnownHostsFile()}: the name of the environment variable holding known_hosts lines. */
    Optional<String> sshKnownHostsEnv();

    /** How long finished sync runs are kept (an interval sync writes one a minute). */
    @WithDefault("30d")
    Duration runRetention();

    /** How long the reconciler's lease lasts unless renewed; it is renewed before every change. */
    @WithDefault("60s")
    Duration leaseDuration();
}
