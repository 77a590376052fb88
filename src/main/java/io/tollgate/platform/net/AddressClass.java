package io.tollgate.platform.net;

/** What kind of network an address belongs to, as far as outbound calls to it are concerned. */
public enum AddressClass {
    /** Routable on the internet. */
    PUBLIC,
    /** Private ranges (RFC 1918, carrier-grade NAT, IPv6 unique-local): allowed only by configuration. */
    PRIVATE,
    /** The machine itself: allowed only by configuration. */
    LOOPBACK,
    /** Link-local, including cloud metadata endpoints: never allowed. */
    LINK_LOCAL,
    /** Unspecified, multicast, broadcast and reserved addresses: never a server. */
    NON_ROUTABLE
}
