package io.tollgate.gateway.internal.upstream;

import io.tollgate.catalog.api.Timeouts;
import io.tollgate.gateway.internal.GatewayConfig;
import io.tollgate.gateway.internal.provider.UpstreamCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Provider calls over pooled Vert.x HTTP clients (DESIGN.md §5): keep-alive, no pipelining, HTTP/2 where a TLS
 * provider offers it through ALPN, HTTP/1.1 in clear text (an h2c upgrade would cost every first request a
 * round trip for servers that ignore it). Connects to the addresses {@link UpstreamAddresses} vetted, sending
 * the provider's host name as {@code Host} and SNI. Redirects are never followed: a redirect is an upstream
 * error. Bodies are relayed as received; the client asks for no compression.
 * <p>
 * Each event loop has its own clients: a pool shared by all loops hands a request a connection owned by another
 * loop, and every read, write and completion then wakes that other thread (a tenth of the gateway's profile,
 * docs/benchmarks.md). A client used from one loop only opens its connections on that loop.
 */
@ApplicationScoped
public class HttpTransport implements Transport {

    private final Map<Thread, Clients> byEventLoop = new ConcurrentHashMap<>();
    private final Clients offLoop;
    private final HttpClientOptions common;
    private final UpstreamAddresses addresses;
    private final Vertx vertx;

    public HttpTransport(Vertx vertx, GatewayConfig config, UpstreamAddresses addresses) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.common = new HttpClientOptions()
                .setKeepAlive(true)
                .setPipelining(false)
                .setMaxPoolSize(config.upstream().maxConnectionsPerHost())
                .setHttp2MaxPoolSize(Math.max(1, config.upstream().maxConnectionsPerHost() / 100))
                .setKeepAliveTimeout((int) config.upstream().keepAlive().toSeconds())
                .setTryUseCompression(false)
                .setMaxRedirects(0);
        this.offLoop = newClients();
    }

    /** The clear-text and TLS clients of one event loop. */
    private record Clients(HttpClient clearText, HttpClient tls) {

        void close() {
            clearText.close();
            tls.close();
        }
    }

    private Clients newClients() {
        HttpClientOptions clearText = new HttpClientOptions(common).setProtocolVersion(HttpVersion.HTTP_1_1);
        HttpClientOptions tls = new HttpClientOptions(common).setSsl(true).setUseAlpn(true).setForceSni(true)
                .setProtocolVersion(HttpVersion.HTTP_2);
        return new Clients(vertx.createHttpClient(clearText), vertx.createHttpClient(tls));
    }

    /** This event loop's clients; calls made off an event loop (none on the request path) share one pair. */
    private Clients clients() {
        return Context.isOnEventLoopThread()
                ? byEventLoop.computeIfAbsent(Thread.currentThread(), loop -> newClients())
                : offLoop;
    }

    @Override
    public Future<UpstreamResponse> send(UpstreamCall call, Timeouts timeouts, Consumer<Runnable> onCancel) {
        URI uri = URI.create(call.url());
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        Clients clients = clients(); // the request's loop, whichever thread completes the address lookup
        return addresses.of(uri.getHost(), vertx.getOrCreateContext())
                .recover(rejected -> Future.failedFuture(
                        new UpstreamUnreachable("The provider address is not allowed: " + rejected.getMessage(), false, rejected)))
                .compose(vetted -> request(secure ? clients.tls() : clients.clearText(), call, timeouts, uri, secure, port,
                        pick(vetted), onCancel));
    }

    private Future<UpstreamResponse> request(HttpClient client, UpstreamCall call, Timeouts timeouts, URI uri,
            boolean secure, int port, InetAddress address, Consumer<Runnable> onCancel) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(secure)
                .setURI(uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery())
                .setConnectTimeout(timeouts.connectMs())
                .setFollowRedirects(false);
        call.headers().forEach(options::putHeader);
        Promise<UpstreamResponse> answer = Promise.promise();
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                answer.fail(new UpstreamUnreachable("Could not connect to the provider", false, opened.cause()));
                return;
            }
            HttpClientRequest request = opened.result();
            onCancel.accept(() -> {
                if (answer.tryFail(new UpstreamUnreachable("The call was cancelled", false, null))) {
                    request.reset();
                }
            });
            send(request, call.body(), timeouts, answer);
        });
        return answer.future();
    }

    private void send(HttpClientRequest request, Buffer body, Timeouts timeouts, Promise<UpstreamResponse> answer) {
        long timer = vertx.setTimer(timeouts.firstByteMs(), fired -> {
            if (answer.tryFail(new UpstreamUnreachable("The provider sent no response within " + timeouts.firstByteMs()
                    + " ms", true, null))) {
                request.reset();
            }
        });
        request.response().onComplete(response -> {
            vertx.cancelTimer(timer);
            if (response.failed()) {
                answer.tryFail(new UpstreamUnreachable("The provider connection failed", false, response.cause()));
            } else {
                HttpClientResponse received = response.result();
                received.pause();
                received.exceptionHandler(ignored -> { }); // until the relay sets its own: a cancel's reset is expected
                if (!answer.tryComplete(new HttpUpstreamResponse(request, received))) {
                    request.reset();
                }
            }
        });
        request.end(body).onFailure(failed -> {
            vertx.cancelTimer(timer);
            answer.tryFail(new UpstreamUnreachable("Could not send the request to the provider", false, failed));
        });
    }

    /** Spreads calls over a host's addresses, as a resolver's round robin would. */
    private static InetAddress pick(List<InetAddress> vetted) {
        return vetted.size() == 1 ? vetted.get(0) : vetted.get(ThreadLocalRandom.current().nextInt(vetted.size()));
    }

    @PreDestroy
    void close() {
        byEventLoop.values().forEach(Clients::close);
        offLoop.close();
    }

    private record HttpUpstreamResponse(HttpClientRequest request, HttpClientResponse response) implements UpstreamResponse {

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public String header(String name) {
            return response.getHeader(name);
        }

        @Override
        public ReadStream<Buffer> body() {
            return response;
        }

        @Override
        public void cancel() {
            request.reset();
        }
    }
}
