package io.tollgate.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Classifies IP addresses for outbound calls. IPv4-mapped ({@code ::ffff:a.b.c.d}) and NAT64
 * ({@code 64:ff9b::a.b.c.d}) IPv6 addresses are classified by the IPv4 address they carry, so that an
 * attacker cannot reach a blocked IPv4 range through its IPv6 spelling.
 */
public final class AddressPolicy {

    /** AWS' IPv6 instance metadata endpoint, inside the unique-local range, hence checked first. */
    private static final byte[] AWS_METADATA_V6 = v6("fd00:ec2::254");
    private static final byte[] NAT64_PREFIX = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

    private AddressPolicy() {
    }

    public static AddressClass classify(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (embedsIpv4(bytes)) {
                return classifyV4(Arrays.copyOfRange(bytes, 12, 16));
            }
            return classifyV6(bytes);
        }
        return classifyV4(((Inet4Address) address).getAddress());
    }

    /** Whether a call to an address of this class may be made under the given allowances. */
    public static boolean permitted(AddressClass addressClass, boolean allowPrivate, boolean allowLoopback) {
        return switch (addressClass) {
            case PUBLIC -> true;
            case PRIVATE -> allowPrivate;
            case LOOPBACK -> allowLoopback;
            case LINK_LOCAL, NON_ROUTABLE -> false;
        };
    }

    private static AddressClass classifyV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return AddressClass.LOOPBACK;
        }
        if (first == 169 && second == 254) {
            return AddressClass.LINK_LOCAL;
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)
                || (first == 100 && second >= 64 && second <= 127)) {
            return AddressClass.PRIVATE;
        }
        if (first == 0 || first >= 224) {
            return AddressClass.NON_ROUTABLE; // "this network", multicast, reserved and broadcast
        }
        return AddressClass.PUBLIC;
    }

    private static AddressClass classifyV6(byte[] b) {
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return AddressClass.LINK_LOCAL;
        }
        if (isZeroUpTo(b, 15) && b[15] == 1) {
            return AddressClass.LOOPBACK;
        }
        if (isZeroUpTo(b, 16) || (b[0] & 0xff) == 0xff) {
            return AddressClass.NON_ROUTABLE; // unspecified, multicast
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return AddressClass.LINK_LOCAL; // fe80::/10
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return AddressClass.PRIVATE; // fc00::/7
        }
        return AddressClass.PUBLIC;
    }

    private static boolean embedsIpv4(byte[] b) {
        boolean mapped = isZeroUpTo(b, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        return mapped || Arrays.equals(Arrays.copyOf(b, 12), NAT64_PREFIX);
    }

    private static boolean isZeroUpTo(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] v6(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
