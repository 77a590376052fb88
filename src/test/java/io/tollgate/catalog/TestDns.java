package io.tollgate.catalog;

import io.tollgate.platform.net.HostResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** Replaces DNS in the @QuarkusTests: names under {@code .test} resolve as listed here, others do not resolve. */
@ApplicationScoped
public class TestDns implements HostResolver {

    /** Public addresses (documentation ranges are fine: the guard only cares about the classes it blocks). */
    public static final String PUBLIC_HOST = "api.provider.test";
    /** A name whose DNS answer is a private address: the guard must look past the name. */
    public static final String PRIVATE_HOST = "internal.provider.test";

    private static final Map<String, String> RECORDS = Map.of(PUBLIC_HOST, "203.0.113.10", PRIVATE_HOST, "10.1.2.3",
            "metadata.provider.test", "169.254.169.254");

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return List.of(InetAddress.getByName(host)); // a literal: no lookup involved
        }
        String address = RECORDS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    }
}
