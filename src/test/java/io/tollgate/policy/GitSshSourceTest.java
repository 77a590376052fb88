package io.tollgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tollgate.policy.internal.application.ConfiguredAccess;
import io.tollgate.policy.internal.application.EnvironmentVariables;
import io.tollgate.policy.internal.application.GitOpsConfig;
import io.tollgate.policy.internal.documents.SourceFile;
import io.tollgate.policy.internal.source.GitSource;
import io.tollgate.policy.internal.source.Snapshot;
import io.tollgate.policy.internal.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policies fetched over SSH from a real SSH server, with the key and the known host keys named by reference as the
 * configuration names them: the right key and host key read the branch head; a wrong key, an unknown or revoked host
 * key or a missing secret fail the fetch with a message saying so; settings of the other transport are refused.
 */
class GitSshSourceTest {

    private final KeyPair clientKey = SshGitServer.ed25519KeyPair();
    private final Map<String, String> env = new HashMap<>();
    private PolicyRepo repo;
    private SshGitServer server;

    @BeforeEach
    void serve() {
        repo = PolicyRepo.create();
        server = SshGitServer.serve(repo.dir(), clientKey.getPublic());
    }

    @AfterEach
    void stop() {
        server.close();
        repo.close();
    }

    @Test
    void fetchesTheBranchHeadWithTheKeyAndTheKnownHostKeyFromEnvironmentVariables() {
        String first = repo.write("org.yaml", "kind: Organization\n").commit("first");
        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(clientKey, null));
        env.put("GITOPS_KNOWN_HOSTS", "# the policy host\n" + server.knownHostsLine());
        GitSource source = source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"));

        Snapshot initial = source.fetch();

        assertThat(initial.commit()).isEqualTo(first);
        assertThat(initial.files()).extracting(SourceFile::path).containsExactly("org.yaml");

        String second = repo.write("acme/budget.yaml", "kind: Budget\n").commit("second");
        Snapshot next = source.fetch();

        assertThat(next.commit()).isEqualTo(second);
        assertThat(next.files()).extracting(SourceFile::path).containsExactly("acme/budget.yaml", "org.yaml");
    }

    @Test
    void readsAnEncryptedRsaKeyAndTheKnownHostsFromMountedFiles() throws IOException {
        KeyPair rsa = SshGitServer.rsaKeyPair();
        server.close();
        server = SshGitServer.serve(repo.dir(), rsa.getPublic());
        String head = repo.write("org.yaml", "kind: Organization\n").commit("first");
        Path secrets = Files.createTempDirectory("gitops-secret");
        Files.writeString(secrets.resolve("id_rsa"), SshGitServer.openSsh(rsa, "correct horse"));
        Files.writeString(secrets.resolve("known_hosts"), server.knownHostsLine());
        env.put("GITOPS_SSH_PASSPHRASE", "correct horse");

        Snapshot snapshot = source(Map.of("tollgate.gitops.ssh-key-file", secrets.resolve("id_rsa").toString(),
                "tollgate.gitops.ssh-key-passphrase-env", "GITOPS_SSH_PASSPHRASE",
                "tollgate.gitops.ssh-known-hosts-file", secrets.resolve("known_hosts").toString())).fetch();

        assertThat(snapshot.commit()).isEqualTo(head);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() {
        repo.write("org.yaml", "kind: Organization\n").commit("first");
        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(SshGitServer.ed25519KeyPair(), null));
        env.put("GITOPS_KNOWN_HOSTS", server.knownHostsLine());
        GitSource source = source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"));

        assertThatThrownBy(source::fetch).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot fetch " + server.url() + " (main)")
                .hasMessageContaining("Cannot log in").hasMessageContaining("server refused");
    }

    @Test
    void anUnknownHostKeyIsRefused() {
        repo.write("org.yaml", "kind: Organization\n").commit("first");
        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(clientKey, null));
        env.put("GITOPS_KNOWN_HOSTS", server.otherKnownHostsLine());
        GitSource source = source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"));

        assertThatThrownBy(source::fetch).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot fetch " + server.url() + " (main)")
                .hasMessageContaining("Server key did not validate: the host key of [127.0.0.1]:" + server.port())
                .hasMessageEndingWith("is not listed in environment variable GITOPS_KNOWN_HOSTS, which lists other "
                        + "keys for it");
    }

    @Test
    void aRevokedHostKeyOrOneListedForAnotherPortIsRefused() {
        repo.write("org.yaml", "kind: Organization\n").commit("first");
        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(clientKey, null));
        GitSource source = source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"));

        env.put("GITOPS_KNOWN_HOSTS", server.knownHostsLine() + "@revoked " + server.knownHostsLine());
        assertThatThrownBy(source::fetch).isInstanceOf(SourceException.class)
                .hasMessageEndingWith("is revoked in environment variable GITOPS_KNOWN_HOSTS");

        env.put("GITOPS_KNOWN_HOSTS", server.knownHostsLine().replace("[127.0.0.1]:" + server.port(), "127.0.0.1"));
        assertThatThrownBy(source::fetch).isInstanceOf(SourceException.class)
                .hasMessageEndingWith("is not listed in environment variable GITOPS_KNOWN_HOSTS, which lists no key "
                        + "for that host");
    }

    @Test
    void aMissingSecretOrPassphraseSaysWhich() {
        env.put("GITOPS_KNOWN_HOSTS", server.knownHostsLine());
        Map<String, String> settings = Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS");

        assertThatThrownBy(source(settings)::fetch).isInstanceOf(SourceException.class)
                .hasMessage("tollgate.gitops.ssh-key-env names GITOPS_SSH_KEY, which is not set");

        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(clientKey, "secret"));
        assertThatThrownBy(source(settings)::fetch).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot read the SSH private key of environment variable GITOPS_SSH_KEY");

        env.put("GITOPS_SSH_KEY", "not a key");
        assertThatThrownBy(source(settings)::fetch).isInstanceOf(SourceException.class)
                .hasMessage("environment variable GITOPS_SSH_KEY holds no SSH private key (OpenSSH or PEM format; "
                        + "Ed25519, ECDSA or RSA)");

        env.remove("GITOPS_KNOWN_HOSTS");
        assertThatThrownBy(source(settings)::fetch).isInstanceOf(SourceException.class)
                .hasMessage("tollgate.gitops.ssh-known-hosts-env names GITOPS_KNOWN_HOSTS, which is not set");
    }

    @Test
    void settingsOfTheOtherTransportAreRefused() {
        env.put("GITOPS_TOKEN", "t0ken");
        env.put("GITOPS_SSH_KEY", SshGitServer.openSsh(clientKey, null));
        env.put("GITOPS_KNOWN_HOSTS", server.knownHostsLine());

        assertThatThrownBy(source(Map.of("tollgate.gitops.token-env", "GITOPS_TOKEN",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"))::fetch)
                .isInstanceOf(SourceException.class)
                .hasMessage("tollgate.gitops.token-env is for HTTPS, but " + server.url() + " is an SSH URL: set "
                        + "tollgate.gitops.ssh-key-env or ssh-key-file instead");
        assertThatThrownBy(access("https://git.example.com/policies.git",
                Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY"))::get)
                .isInstanceOf(SourceException.class)
                .hasMessage("tollgate.gitops.ssh-* settings apply to SSH URLs (ssh://… or user@host:path), not to "
                        + "https://git.example.com/policies.git: use tollgate.gitops.token-env for HTTPS");
        assertThatThrownBy(source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY"))::fetch)
                .isInstanceOf(SourceException.class)
                .hasMessage(server.url() + " is an SSH URL: set exactly one of tollgate.gitops.ssh-known-hosts-file "
                        + "and tollgate.gitops.ssh-known-hosts-env (the server's host keys are always verified)");
        assertThatThrownBy(source(Map.of("tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"))::fetch)
                .isInstanceOf(SourceException.class)
                .hasMessage(server.url() + " is an SSH URL: set exactly one of tollgate.gitops.ssh-key-env and "
                        + "tollgate.gitops.ssh-key-file");
        env.put("GITOPS_KNOWN_HOSTS", "127.0.0.1 ssh-rsa not-base64!\n");
        assertThatThrownBy(source(Map.of("tollgate.gitops.ssh-key-env", "GITOPS_SSH_KEY",
                "tollgate.gitops.ssh-known-hosts-env", "GITOPS_KNOWN_HOSTS"))::fetch)
                .isInstanceOf(SourceException.class)
                .hasMessage("environment variable GITOPS_KNOWN_HOSTS holds no usable known_hosts line (Ed25519, "
                        + "ECDSA or RSA host keys)");
    }

    @ParameterizedTest
    @CsvSource({
            "ssh://git@git.example.com/platform/policies.git, true",
            "ssh://git@git.example.com:2222/policies.git, true",
            "git+ssh://git.example.com/policies.git, true",
            "git@git.example.com:platform/policies.git, true",
            "git.example.com:policies.git, true",
            "https://git.example.com/platform/policies.git, false",
            "http://git.example.com/policies.git, false",
            "file:///srv/policies.git, false",
            "file:/srv/policies.git, false",
            "/srv/policies.git, false"})
    void sshUrlsAreTheSshSchemesAndScpLikeAddresses(String url, boolean ssh) {
        assertThat(GitSource.isSsh(url)).isEqualTo(ssh);
    }

    private GitSource source(Map<String, String> settings) {
        ConfiguredAccess access = access(server.url(), settings);
        try {
            return new GitSource(server.url(), "main", "policies", Files.createTempDirectory("policy-clone"),
                    access::get);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConfiguredAccess access(String url, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("tollgate.gitops.url", url);
        GitOpsConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(GitOpsConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 500)).build()
                .getConfigMapping(GitOpsConfig.class);
        return new ConfiguredAccess(config, new EnvironmentVariables() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
            }
        });
    }
}
