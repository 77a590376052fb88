package io.tollgate.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard for URLs Tollgate calls on an administrator's behalf (provider base URLs). A URL passes when
 * its scheme is http or https, it carries no user info, its host is not a known metadata name, and every
 * address the host resolves to is permitted ({@link AddressPolicy}): never link-local or metadata, and loopback
 * or private ranges only when allowed. Callers check once when the URL is stored ({@link #vet(String)}) and
 * again when they connect ({@link #addressesOf(String)}), connecting to the vetted addresses so that a DNS
 * answer that changes in between (rebinding) cannot redirect the call. Resolution blocks: call off the event loop.
 */
public final class UrlPolicy {

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata");

    private final boolean allowPrivate;
    private final boolean allowLoopback;
    private final HostResolver resolver;

    public UrlPolicy(boolean allowPrivate, boolean allowLoopback, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** A URL that passed, with the addresses its host resolved to. */
    public record VettedUrl(URI uri, List<InetAddress> addresses) {
    }

    /** Checks the URL and the addresses of its host; throws {@link RejectedUrlException} naming the reason. */
    public VettedUrl vet(String url) {
        URI uri = parse(url);
        return new VettedUrl(uri, addressesOf(uri.getHost()));
    }

    /** Resolves {@code host} and checks every address: the connect-time half of the guard. */
    public List<InetAddress> addressesOf(String host) {
        String name = normalise(host);
        if (METADATA_HOSTS.contains(name)) {
            throw new RejectedUrlException("must not point at a cloud metadata service");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new RejectedUrlException("host does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new RejectedUrlException("host does not resolve");
        }
        for (InetAddress address : addresses) {
            AddressClass addressClass = AddressPolicy.classify(address);
            if (!AddressPolicy.permitted(addressClass, allowPrivate, allowLoopback)) {
                throw new RejectedUrlException(reason(addressClass));
            }
        }
        return addresses;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RejectedUrlException("is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RejectedUrlException("is not a valid URL");
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new RejectedUrlException("must use http or https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new RejectedUrlException("must not contain user info; send credentials as apiKey");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RejectedUrlException("must name a host");
        }
        return uri;
    }

    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String reason(AddressClass addressClass) {
        return switch (addressClass) {
            case LINK_LOCAL -> "must not point at a link-local or metadata address";
            case LOOPBACK -> "must not point at loopback (allowed only with tollgate.catalog.allow-loopback)";
            case PRIVATE -> "must not point at a private network (allowed only with tollgate.catalog.allow-private-networks)";
            case NON_ROUTABLE -> "must not point at an unspecified, multicast or reserved address";
            case PUBLIC -> "is allowed";
        };
    }
}
