-- Objects Git created or adopted, per policy source: the spec and commit last applied. Only these are ever pruned.
CREATE TABLE managed_objects (
    source        text        NOT NULL,
    ref           text        NOT NULL,
    kind          text        NOT NULL,
    namespace     text,
    name          text        NOT NULL,
    managed_by    text        NOT NULL DEFAULT 'git' CHECK (managed_by = 'git'),
    source_commit text        NOT NULL,
    applied_spec  jsonb       NOT NULL,
    applied_at    timestamptz NOT NULL,
    PRIMARY KEY (source, ref)
);

-- One row per sync: requested through the API (outcome 'requested' until a worker takes it) or by the interval.
CREATE TABLE sync_runs (
    id           uuid        PRIMARY KEY,
    source       text        NOT NULL,
    trigger      text        NOT NULL CHECK (trigger IN ('api', 'interval')),
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    commit       text,
    outcome      text        NOT NULL CHECK (outcome IN ('requested', 'running', 'applied', 'unchanged', 'invalid',
                                                         'failed')),
    created      integer     NOT NULL DEFAULT 0,
    updated      integer     NOT NULL DEFAULT 0,
    deleted      integer     NOT NULL DEFAULT 0,
    drifted      integer     NOT NULL DEFAULT 0,
    errors       jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX sync_runs_latest ON sync_runs (source, requested_at DESC);
CREATE INDEX sync_runs_requested ON sync_runs (requested_at) WHERE outcome = 'requested';

-- Managed objects that differ from what Git applied, as the last sync found them (restored ones are removed).
CREATE TABLE drift (
    source        text        NOT NULL,
    ref           text        NOT NULL,
    kind          text        NOT NULL,
    namespace     text,
    name          text        NOT NULL,
    fields        jsonb       NOT NULL,
    deleted       boolean     NOT NULL,
    source_commit text        NOT NULL,
    detected_at   timestamptz NOT NULL,
    PRIMARY KEY (source, ref)
);

-- The reconciler's lease: one holder at a time across worker replicas, taken and renewed with a conditional UPDATE.
CREATE TABLE leases (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Transactional outbox: audit events of syncs and drift, published by the relay.
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
