package io.tollgate.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses; pluggable so that tests map names to addresses without DNS. */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver (blocking: call it off the event loop). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
