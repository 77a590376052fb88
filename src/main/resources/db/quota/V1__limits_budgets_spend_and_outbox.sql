-- Rate limits per level: the organisation itself, one of its projects or one of its keys. Null = unlimited.
CREATE TABLE limits (
    org_id              uuid        NOT NULL,
    level               text        NOT NULL CHECK (level IN ('org', 'project', 'key')),
    subject_id          uuid        NOT NULL,
    requests_per_minute bigint      CHECK (requests_per_minute >= 0),
    tokens_per_minute   bigint      CHECK (tokens_per_minute >= 0),
    max_concurrent      bigint      CHECK (max_concurrent >= 0),
    models              jsonb       NOT NULL DEFAULT '{}',
    version             integer     NOT NULL,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (org_id, level, subject_id),
    CHECK (level <> 'org' OR subject_id = org_id)
);

-- Money an organisation may spend per UTC day and month, in one currency. Null amount = no limit.
CREATE TABLE budgets (
    org_id                 uuid          PRIMARY KEY,
    daily                  numeric(16,6) CHECK (daily >= 0),
    monthly                numeric(16,6) CHECK (monthly >= 0),
    currency               text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    soft_threshold_percent integer       NOT NULL CHECK (soft_threshold_percent BETWEEN 1 AND 100),
    version                integer       NOT NULL,
    updated_at             timestamptz   NOT NULL
);

-- The latest authoritative spend from metering (metering.spend-updated.v1), kept to re-seed Redis after a restart.
CREATE TABLE spend (
    org_id      uuid          NOT NULL,
    currency    text          NOT NULL,
    day         date          NOT NULL,
    day_total   numeric(22,6) NOT NULL,
    month       text          NOT NULL,
    month_total numeric(22,6) NOT NULL,
    as_of       timestamptz   NOT NULL,
    PRIMARY KEY (org_id, currency)
);

-- Transactional outbox: events written with the change they describe, published by the relay.
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    routing_key  text        NOT NULL,
    subject      text        NOT NULL,
    org_id       uuid,
    data         jsonb       NOT NULL,
    metadata     jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE published_at IS NULL;

-- Events the spend consumer has applied, for exactly-once effects.
CREATE TABLE inbox (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
