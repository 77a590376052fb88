import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate HTTP load generator (wrk2-like, free of coordinated omission), run with {@code java Load.java}.
 *
 * <p>Request {@code i} is due at {@code start + i / rate}. It is sent at that moment whether or not earlier requests
 * have answered (asynchronously, on as many connections as needed), and its latency is measured from the moment it was
 * <em>due</em>, not from when it was actually sent: if the generator or the server falls behind, the waiting counts.
 * Requests due during the warm-up are sent but not recorded. Requests still unanswered {@code timeout} after their due
 * time count as errors (status 0).
 *
 * <pre>
 * java Load.java --name get-org --method GET --url http://127.0.0.1:8081/admin/v1/orgs/ID \
 *     --header 'authorization: Bearer …' [--body '{"slug":"p-{seq}"}'] [--expect 200] \
 *     [--rate 200] [--duration 30] [--warmup 5] [--timeout 10]
 * </pre>
 * {@code {seq}} in the URL or body is replaced by the request's sequence number (unique within one invocation);
 * {@code {run}} by the --run value; {@code {pool}} by the values of {@code --pool a,b,c} in turn (request i gets value
 * i mod n), to spread requests over several objects. Prints one human-readable line and one {@code RESULT} line of key=value pairs.
 */
public class Load {

    public static void main(String[] args) throws Exception {
        String name = "scenario", method = "GET", url = null, body = null, run = "";
        String[] pool = {""};
        int expect = 200, duration = 30, warmup = 5, timeout = 10;
        double rate = 200;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--name" -> name = value;
                case "--method" -> method = value;
                case "--url" -> url = value;
                case "--body" -> body = value;
                case "--header" -> headers.add(value);
                case "--expect" -> expect = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--duration" -> duration = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--timeout" -> timeout = Integer.parseInt(value);
                case "--run" -> run = value;
                case "--pool" -> pool = value.split(",");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || !URI.create(url.replace("{seq}", "0").replace("{run}", "x").replace("{pool}", "x")).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("--url must target 127.0.0.1");
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long interval = Math.round(1_000_000_000L / rate);
        int warmupCount = (int) Math.round(warmup * rate);
        int total = warmupCount + (int) Math.round(duration * rate);
        long[] latencies = new long[total - warmupCount]; // nanoseconds from due time to complete response
        AtomicInteger recorded = new AtomicInteger();
        ConcurrentHashMap<Integer, AtomicInteger> errors = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        long maxSendLag = 0; // over the measured requests only
        long firstMeasured = 0, lastMeasured = 0;

        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            if (i >= warmupCount) {
                maxSendLag = Math.max(maxSendLag, sent - due);
                firstMeasured = i == warmupCount ? sent : firstMeasured;
                lastMeasured = sent;
            }
            String seq = Integer.toString(i);
            String item = pool[i % pool.length];
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                            url.replace("{seq}", seq).replace("{run}", run).replace("{pool}", item)))
                    .timeout(Duration.ofSeconds(timeout));
            for (String header : headers) {
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace("{seq}", seq).replace("{run}", run).replace("{pool}", item)));
            boolean measured = i >= warmupCount;
            int expected = expect;
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long latency = System.nanoTime() - due;
                int status = failure == null ? response.statusCode() : 0;
                if (measured) {
                    latencies[recorded.getAndIncrement()] = latency;
                    if (status != expected) {
                        errors.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        if (samples.size() < 3) {
                            samples.add(status + " " + (failure == null ? abbreviate(response.body()) : failure.toString()));
                        }
                    }
                }
                done.countDown();
            });
        }
        if (!done.await(timeout + 5L, TimeUnit.SECONDS)) {
            System.err.println("[load] some requests never completed");
        }
        double sentRate = (latencies.length - 1) / ((lastMeasured - firstMeasured) / 1e9);
        int n = recorded.get();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        int missing = latencies.length - n;
        String result = String.format(
                "name=%s rate=%.0f duration=%d requests=%d errors=%d missing=%d p50=%.1f p90=%.1f p99=%.1f p999=%.1f max=%.1f"
                        + " sent_rate=%.1f max_send_lag_ms=%.1f statuses=%s",
                name, rate, duration, n, errorCount, missing, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
                ms(percentile(sorted, 99)), ms(percentile(sorted, 99.9)), ms(n == 0 ? 0 : sorted[n - 1]),
                sentRate, maxSendLag / 1e6, errors.isEmpty() ? "-" : errors.toString().replace(" ", ""));
        System.out.printf("[load] %-14s %d requests at %.0f/s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors%n",
                name, n, rate, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(n == 0 ? 0 : sorted[n - 1]), errorCount + missing);
        samples.forEach(s -> System.out.println("[load]   e.g. " + s));
        System.out.println("RESULT " + result);
        System.exit(0);
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String abbreviate(String s) {
        s = s == null ? "" : s.replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
