package io.tollgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to a local service that can stop passing on what its clients send, while still passing on what
 * the service answers. Against RabbitMQ this freezes a consumer's acknowledgements on the wire: the consumer keeps
 * receiving and processing the messages it was given, and the broker keeps them unacknowledged. Held bytes are
 * dropped, never delivered late: when the client goes, its connection to the service is closed.
 */
public final class HoldingRelay implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean holding;

    private HoldingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    /** Relays a free local port to {@code 127.0.0.1:targetPort}. */
    public static HoldingRelay to(int targetPort) throws IOException {
        return new HoldingRelay(targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, bytes from clients are dropped; the service's bytes still reach them. */
    public void holdClientBytes() {
        holding = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket service = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(service);
                Thread.ofVirtual().start(() -> pump(client, service, true));
                Thread.ofVirtual().start(() -> pump(service, client, false));
            } catch (IOException closedOrRefused) {
                // the relay is closing, or the service refused one client: that client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!(fromClient && holding)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // either side went away: the other side is closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(HoldingRelay::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
