package io.tollgate.policy.internal.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Fetching over SSH (Apache MINA sshd through JGit) with one private key and the host keys of {@link KnownHosts}.
 * Nothing of the process user's {@code ~/.ssh} is read: no config file, no default identity, no known_hosts, no
 * agent; JGit's home and ssh directories point at an empty private directory deleted on {@link #close()}.
 */
public final class SshAccess implements GitAccess {

    static {
        SshdProviders.keepLocal();
    }

    private final Path home;
    private final SshdSessionFactory sessions;
    private final KnownHosts knownHosts;

    private SshAccess(Path home, SshdSessionFactory sessions, KnownHosts knownHosts) {
        this.home = home;
        this.sessions = sessions;
        this.knownHosts = knownHosts;
    }

    /**
     * {@code key}: an OpenSSH or PEM private key (Ed25519, ECDSA or RSA), decrypted with {@code passphrase} if it is
     * encrypted; {@code keyOrigin} says where it came from, for errors.
     */
    public static SshAccess of(String keyOrigin, String key, Optional<String> passphrase, KnownHosts knownHosts) {
        List<KeyPair> keys = keyPairs(keyOrigin, key, passphrase);
        Path home = privateHome();
        SshdSessionFactory sessions = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
                .setDefaultIdentities(sshDir -> List.of())
                .setDefaultKnownHostsFiles(sshDir -> List.of())
                .setDefaultKeysProvider(sshDir -> keys)
                .setServerKeyDatabase((homeDir, sshDir) -> knownHosts)
                .setPreferredAuthentications("publickey")
                .build(null);
        return new SshAccess(home, sessions, knownHosts);
    }

    @Override
    public void configure(TransportCommand<?, ?> command) {
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sessions);
            }
        });
    }

    /** JGit says only that the server key did not validate: add whose key it was and why it was refused. */
    @Override
    public String explain(String failure) {
        return knownHosts.refusal().map(refusal -> failure + ": " + refusal).orElse(failure);
    }

    @Override
    public void close() {
        sessions.close();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<KeyPair> keyPairs(String origin, String key, Optional<String> passphrase) {
        FilePasswordProvider password = passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY);
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(origin),
                    new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)), password);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new SourceException("cannot read the SSH private key of " + origin
                    + (passphrase.isEmpty() ? " (encrypted keys need a passphrase)" : " (or its passphrase is wrong)")
                    + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new SourceException(origin + " holds no SSH private key (OpenSSH or PEM format; Ed25519, ECDSA or RSA)");
        }
        return keys;
    }

    private static Path privateHome() {
        try {
            return Files.createTempDirectory("tollgate-ssh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
