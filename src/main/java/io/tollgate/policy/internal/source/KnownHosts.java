package io.tollgate.policy.internal.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The SSH host keys a fetch trusts, from known_hosts lines (plain or hashed host names, {@code [host]:port} for other
 * ports, {@code @revoked}). Strict whatever any ssh config says: a host key not listed is refused, never learned.
 */
public final class KnownHosts implements ServerKeyDatabase {

    private static final int SSH_PORT = 22;
    private static final String REVOKED = "revoked";

    static {
        SshdProviders.keepLocal();
    }

    private final String origin;
    private final List<Entry> entries;
    private volatile String refusal;

    private record Entry(KnownHostEntry line, PublicKey key) {

        boolean matches(String host, int port) {
            return line.isHostMatch(host, port);
        }

        boolean revoked() {
            return REVOKED.equals(line.getMarker());
        }
    }

    private KnownHosts(String origin, List<Entry> entries) {
        this.origin = origin;
        this.entries = entries;
    }

    /** {@code origin} says where the lines came from, for errors; lines of key types sshd cannot read are skipped. */
    public static KnownHosts parse(String origin, String lines) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (KnownHostEntry line : KnownHostEntry.readKnownHostEntries(
                    new BufferedReader(new StringReader(lines)))) {
                PublicKey key = line.getKeyEntry() == null ? null
                        : line.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    entries.add(new Entry(line, key));
                }
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SourceException(origin + " is not in known_hosts format: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new SourceException(origin + " holds no usable known_hosts line (Ed25519, ECDSA or RSA host keys)");
        }
        return new KnownHosts(origin, List.copyOf(entries));
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return matching(connectAddress, remoteAddress).stream().filter(e -> !e.revoked()).map(Entry::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        List<Entry> matching = matching(connectAddress, remoteAddress);
        String key = serverKey.getAlgorithm() + " key " + KeyUtils.getFingerPrint(serverKey);
        if (matching.stream().anyMatch(e -> e.revoked() && KeyUtils.compareKeys(e.key(), serverKey))) {
            refusal = "the host key of " + connectAddress + " (" + key + ") is revoked in " + origin;
            return false;
        }
        if (matching.stream().noneMatch(e -> !e.revoked() && KeyUtils.compareKeys(e.key(), serverKey))) {
            refusal = "the host key of " + connectAddress + " (" + key + ") is not listed in " + origin
                    + (matching.isEmpty() ? ", which lists no key for that host" : ", which lists other keys for it");
            return false;
        }
        return true;
    }

    /** Why the last host key was refused, if one was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Entries for the host as named in the URL, or for the address it resolved to (as OpenSSH's CheckHostIP). */
    private List<Entry> matching(String connectAddress, InetSocketAddress remoteAddress) {
        String host = connectAddress;
        int port = remoteAddress == null ? SSH_PORT : remoteAddress.getPort();
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            host = connectAddress.substring(1, connectAddress.indexOf("]:"));
            port = Integer.parseInt(connectAddress.substring(connectAddress.indexOf("]:") + 2));
        }
        String name = host;
        int onPort = port;
        String address = remoteAddress == null || remoteAddress.getAddress() == null ? null
                : remoteAddress.getAddress().getHostAddress();
        return entries.stream()
                .filter(e -> e.matches(name, onPort) || (address != null && e.matches(address, onPort)))
                .toList();
    }
}
