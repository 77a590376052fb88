package io.tollgate.platform.web;

import io.tollgate.platform.error.TollgateException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cursor pagination over time-ordered ids: a cursor is the last id of the previous page, opaque to callers
 * (base64url). Page sizes are bounded by {@link #MAX_LIMIT}.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Cursors() {
    }

    /** The id after which the page starts, or null for the first page. */
    public static UUID decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw TollgateException.invalid(Map.of("cursor", "is not a cursor this API returned"));
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw TollgateException.invalid(Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return requested;
    }

    /**
     * Builds the page from {@code limit + 1} fetched rows: the extra row only proves that a next page exists.
     */
    public static <R, T> Page<T> page(List<R> fetched, int limit, Function<R, UUID> id, Function<R, T> view) {
        boolean more = fetched.size() > limit;
        List<R> items = more ? fetched.subList(0, limit) : fetched;
        String next = more ? encode(id.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items.stream().map(view).toList(), next);
    }

    static String encode(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
