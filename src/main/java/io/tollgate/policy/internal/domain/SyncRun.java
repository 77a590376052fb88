package io.tollgate.policy.internal.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One sync: who or what asked for it, the commit it read, how it ended and what it changed or found wrong. */
public record SyncRun(UUID id, String trigger, String requestedBy, Instant requestedAt, Instant startedAt,
        Instant finishedAt, String commit, Outcome outcome, Counts counts, List<DocumentError> errors) {

    public static final String TRIGGER_API = "api";
    public static final String TRIGGER_INTERVAL = "interval";

    public SyncRun {
        errors = List.copyOf(errors);
    }

    /** What a run changed and how many objects it found drifted. */
    public record Counts(int created, int updated, int deleted, int drifted) {

        public static final Counts NONE = new Counts(0, 0, 0, 0);
    }
}
