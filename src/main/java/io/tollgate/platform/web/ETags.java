package io.tollgate.platform.web;

import io.tollgate.platform.error.TollgateException;
import jakarta.ws.rs.core.EntityTag;
import java.util.Map;

/**
 * Optimistic concurrency on updates: an object's ETag is its version ({@code "3"}); an update carrying
 * {@code If-Match} applies only to that version (412 otherwise). Without {@code If-Match} the update applies to
 * whatever is current.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** The version an {@code If-Match} header names, or null when there is none (or {@code *}). */
    public static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Integer.valueOf(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw TollgateException.invalid(Map.of("If-Match", "must be an ETag this API returned"));
        }
    }

    /** Fails with 412 unless {@code expected} is absent or equal to {@code current}. */
    public static void require(Integer expected, int current) {
        if (expected != null && expected != current) {
            throw TollgateException.staleVersion();
        }
    }
}
