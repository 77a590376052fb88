package io.tollgate.quota.internal.enforcement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The quota's Lua scripts ({@code src/main/resources/quota/*.lua}), run by SHA-1 ({@code EVALSHA}); when Redis
 * does not know a script (after a restart or a flush) it is sent once in full ({@code EVAL}), which caches it again.
 */
public final class QuotaScripts {

    public static final QuotaScripts RESERVE = load("reserve");
    public static final QuotaScripts SETTLE = load("settle");
    public static final QuotaScripts SEED_SPEND = load("seed-spend");
    public static final QuotaScripts PROJECT_DEFINITION = load("project-definition");

    private final String source;
    private final String sha;

    private QuotaScripts(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs the script with these keys and arguments. */
    public Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return redis.send(request(Command.EVALSHA, sha, keys, args)).onFailure(QuotaScripts::unknownScript)
                .recoverWithUni(e -> redis.send(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static boolean unknownScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    private static QuotaScripts load(String name) {
        try (InputStream in = QuotaScripts.class.getClassLoader().getResourceAsStream("quota/" + name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("Missing quota/" + name + ".lua");
            }
            return new QuotaScripts(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
