package io.tollgate.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP relay to the local Redis that a test can cut and restore, as if Redis stopped and came back. */
public final class RedisProxy {

    private final Vertx vertx;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;
    private int port;

    public RedisProxy(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts relaying, on a free port the first time and on the same port after {@link #stop()}. */
    public RedisProxy start() {
        server = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(6379, "127.0.0.1").onSuccess(upstream -> {
                sockets.add(client);
                sockets.add(upstream);
                client.handler(upstream::write);
                upstream.handler(client::write);
                client.closeHandler(v -> upstream.close());
                upstream.closeHandler(v -> client.close());
                client.resume();
            }).onFailure(e -> client.close());
        });
        server = server.listen(port).toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
        return this;
    }

    public void stop() {
        server.close().toCompletionStage().toCompletableFuture().join();
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    public int port() {
        return port;
    }
}
