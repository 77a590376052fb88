package io.tollgate.metering.internal.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A validated usage question: an org's usage in {@code [from, to)}, optionally filtered by project, key and
 * model, optionally grouped. The bounds are whole UTC hours, because the answer comes from the hourly and daily
 * rollups and must equal the sum over the ledger exactly.
 */
public record UsageQuery(UUID orgId, Instant from, Instant to, GroupBy groupBy, UUID projectId, UUID keyId,
        String model) {

    /** The limits of a question, from configuration. */
    public record Limits(Duration maxRange, Duration maxHourlyRange) {
    }

    /** The outcome of validation: a query, or every problem found (field → message). */
    public sealed interface Parsed {
    }

    public record Valid(UsageQuery query) implements Parsed {
    }

    public record Invalid(Map<String, String> errors) implements Parsed {
    }

    private static final int MAX_MODEL_LENGTH = 200;

    public static Parsed parse(UUID orgId, String from, String to, String groupBy, String projectId, String keyId,
            String model, Limits limits) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        GroupBy grouping = null;
        if (groupBy != null) {
            grouping = GroupBy.parse(groupBy).orElse(null);
            if (grouping == null) {
                errors.put("groupBy", "must be one of " + Arrays.stream(GroupBy.values()).map(GroupBy::apiName)
                        .collect(Collectors.joining(", ")));
            }
        }
        UUID project = uuid("projectId", projectId, errors);
        UUID key = uuid("keyId", keyId, errors);
        if (model != null && (model.isBlank() || model.length() > MAX_MODEL_LENGTH)) {
            errors.put("model", "must be a model name of 1 to " + MAX_MODEL_LENGTH + " characters");
        }
        if (start != null && end != null) {
            Duration range = Duration.between(start, end);
            if (!end.isAfter(start)) {
                errors.put("to", "must be after from");
            } else if (range.compareTo(limits.maxRange()) > 0) {
                errors.put("to", "the range may span at most " + limits.maxRange().toDays() + " days");
            } else if (grouping == GroupBy.HOUR && range.compareTo(limits.maxHourlyRange()) > 0) {
                errors.put("groupBy", "hour allows a range of at most " + limits.maxHourlyRange().toDays() + " days");
            }
        }
        return errors.isEmpty() ? new Valid(new UsageQuery(orgId, start, end, grouping, project, key, model))
                : new Invalid(errors);
    }

    /** True when the daily rollup answers exactly: whole UTC days and no hourly grouping. */
    public boolean dailyEnough() {
        return groupBy != GroupBy.HOUR && from.equals(from.truncatedTo(ChronoUnit.DAYS))
                && to.equals(to.truncatedTo(ChronoUnit.DAYS));
    }

    private static Instant instant(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required: an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!instant.equals(instant.truncatedTo(ChronoUnit.HOURS))) {
                errors.put(field, "must be a whole UTC hour (usage is kept by the hour)");
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.put(field, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return null;
        }
    }

    private static UUID uuid(String field, String value, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.put(field, "must be a UUID");
            return null;
        }
    }
}
