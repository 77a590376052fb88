-- The audit trail: one row per recorded event, append-only.
CREATE TABLE audit_entries (
    id          uuid        PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    event_type  text        NOT NULL,
    source      text        NOT NULL,
    subject     text,
    org_id      uuid,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    data        jsonb       NOT NULL
);
CREATE INDEX audit_entries_org_time ON audit_entries (org_id, occurred_at);

-- Idempotent consumers: one row per (consumer, event) processed, written in the effect's transaction.
CREATE TABLE inbox (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
