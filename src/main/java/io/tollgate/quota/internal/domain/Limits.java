package io.tollgate.quota.internal.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A level's limits: its own, over all its traffic, and per model alias, which apply to that model's traffic in
 * addition to (never instead of) the level's own.
 */
public record Limits(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent, Map<String, Limit> models) {

    public static final int MAX_MODELS = 100;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

    public static final Limits UNLIMITED = new Limits(null, null, null, Map.of());

    public Limits {
        models = models == null ? Map.of() : new TreeMap<>(models);
    }

    public Limit own() {
        return new Limit(requestsPerMinute, tokensPerMinute, maxConcurrent);
    }

    /** Field → message for every invalid value; empty when valid. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        own().validate("", errors);
        if (models.size() > MAX_MODELS) {
            errors.put("models", "at most " + MAX_MODELS + " models");
        }
        models.forEach((alias, limit) -> {
            if (!ALIAS.matcher(alias).matches()) {
                errors.put("models." + alias, "not a model alias (letters, digits and ._:/@- up to 128 characters)");
            } else if (limit == null) {
                errors.put("models." + alias, "must be an object of limits");
            } else {
                limit.validate("models." + alias + ".", errors);
            }
        });
        return errors;
    }
}
