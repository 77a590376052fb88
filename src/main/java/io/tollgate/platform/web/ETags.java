package io.tollgate.platform.web;

import io.tollgate.platform.error.TollgateException;
import jakarta.ws.rs.core.EntityTag;

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

    /**
     * The version an {@code If-Match} header names, or null when there is none (or {@code *}): any version will
     * do. A tag that is no version of ours can never match, so it answers 412 (RFC 9110 §13.1.1).
     */
    public static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Integer.valueOf(tag.length() > 1 && tag.startsWith("\"") && tag.endsWith("\"")
                    ? tag.substring(1, tag.length() - 1) : tag);
        } catch (NumberFormatException e) {
            throw TollgateException.staleVersion();
        }
    }

    /** The {@code ETag} header value of a version, quoted. */
    public static String header(int version) {
        return of(version).toString();
    }

    /** Fails with 412 unless {@code expected} is absent or equal to {@code current}. */
    public static void require(Integer expected, int current) {
        if (expected != null && expected != current) {
            throw TollgateException.staleVersion();
        }
    }
}
