package io.tollgate.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server on a free local port serving one repository to {@code git-upload-pack}, as a Git host would, to
 * the holder of one key only (Apache MINA sshd, the library JGit's SSH client is built on).
 */
final class SshGitServer implements AutoCloseable {

    static {
        // As the application does (SshdProviders): were sshd to register its EdDSA provider JVM-wide from this class
        // loader, it would be reused by sshd of every other loader in the same test JVM, which cannot cast its keys.
        System.setProperty("org.apache.sshd.security.provider.EdDSA.useNamed", "false");
    }

    private final SshServer server;
    private final KeyPair hostKey;

    private SshGitServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static SshGitServer serve(Path repository, PublicKey authorized) {
        KeyPair hostKey = ecdsaKeyPair();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repository, command));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SshGitServer(server, hostKey);
    }

    /** {@code ssh://git@127.0.0.1:<port>/policies.git}. */
    String url() {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/policies.git";
    }

    int port() {
        return server.getPort();
    }

    /** The known_hosts line for this server's host key. */
    String knownHostsLine() {
        return knownHostsLine(hostKey.getPublic());
    }

    /** A known_hosts line claiming some other key for this server, as after a host key change or an impostor. */
    String otherKnownHostsLine() {
        return knownHostsLine(ecdsaKeyPair().getPublic());
    }

    private String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    static KeyPair ecdsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519KeyPair() {
        try {
            return SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in OpenSSH format, encrypted with {@code passphrase} unless it is null. */
    static String openSsh(KeyPair key, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "policies@test", encryption, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the repository whatever path was asked for; runs JGit's server side of a fetch. */
    private static final class UploadPackCommand implements Command {

        private final Path repository;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path repository, String command) {
            this.repository = repository;
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofVirtual().start(() -> {
                if (!command.startsWith("git-upload-pack ")) {
                    exit.onExit(127, "only git-upload-pack is served, not " + command);
                    return;
                }
                try (Repository repo = new FileRepositoryBuilder().setWorkTree(repository.toFile()).build()) {
                    new UploadPack(repo).upload(in, out, err);
                    out.flush();
                    exit.onExit(0);
                } catch (IOException | RuntimeException e) {
                    exit.onExit(1, String.valueOf(e.getMessage()));
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }
    }
}
