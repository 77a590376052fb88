package io.tollgate.policy.internal.domain;

/**
 * Why a set of documents cannot be applied: the file and line of the offending document or field (line is null when
 * the error concerns no single place), the document's kind and name when known, and the reason.
 */
public record DocumentError(String file, Integer line, String kind, String name, String reason) {

    public static DocumentError at(Location location, String kind, String name, String reason) {
        return new DocumentError(location.file(), location.line(), kind, name, reason);
    }
}
