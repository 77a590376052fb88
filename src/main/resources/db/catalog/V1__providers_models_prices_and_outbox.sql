-- The catalog's revision: one row, bumped in every transaction that changes the catalog, so that each
-- routing snapshot is labelled with the revision it was read at (and writers to the catalog serialise on it).
CREATE TABLE catalog_revision (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    revision   bigint      NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO catalog_revision (singleton, revision, changed_at) VALUES (true, 0, now());

-- Upstream providers. Credentials are encrypted (AES-256-GCM, envelope; ADR 0010) and never leave in plain text.
CREATE TABLE providers (
    id                    uuid        PRIMARY KEY,
    org_id                uuid,
    name                  text        NOT NULL,
    type                  text        NOT NULL CHECK (type IN ('openai', 'azure-openai', 'anthropic', 'simulator')),
    base_url              text,
    api_version           text,
    extra_headers         jsonb       NOT NULL DEFAULT '{}',
    connect_timeout_ms    integer     NOT NULL,
    first_byte_timeout_ms integer     NOT NULL,
    idle_timeout_ms       integer     NOT NULL,
    total_timeout_ms      integer     NOT NULL,
    max_concurrent        integer,
    credential_key_id     text,
    credential_wrapped_key bytea,
    credential_nonce      bytea,
    credential_ciphertext bytea,
    credential_last4      text,
    credential_header_names text[]    NOT NULL DEFAULT '{}',
    version               integer     NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    deleted_at            timestamptz,
    CHECK ((credential_key_id IS NULL) = (credential_ciphertext IS NULL))
);
CREATE UNIQUE INDEX providers_live_name ON providers (coalesce(org_id, '00000000-0000-0000-0000-000000000000'), name)
    WHERE deleted_at IS NULL;
CREATE INDEX providers_org ON providers (org_id) WHERE deleted_at IS NULL;

-- Models clients ask for by name, with routing settings.
CREATE TABLE models (
    id               uuid        PRIMARY KEY,
    org_id           uuid,
    name             text        NOT NULL,
    audience         jsonb       NOT NULL DEFAULT '[]',
    strategy         text        NOT NULL CHECK (strategy IN ('weighted', 'least-busy', 'lowest-latency')),
    retry_attempts   integer     NOT NULL,
    retry_backoff_ms integer     NOT NULL,
    fallbacks        text[]      NOT NULL DEFAULT '{}',
    capabilities     jsonb       NOT NULL,
    version          integer     NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    deleted_at       timestamptz
);
CREATE UNIQUE INDEX models_live_name ON models (name) WHERE deleted_at IS NULL;

-- How each model is served. Removed deployments are retired, not deleted: prices may refer to them.
CREATE TABLE deployments (
    id             uuid        PRIMARY KEY,
    model_id       uuid        NOT NULL REFERENCES models (id),
    provider_id    uuid        NOT NULL REFERENCES providers (id),
    upstream_model text        NOT NULL,
    weight         integer     NOT NULL CHECK (weight >= 0),
    priority       integer     NOT NULL CHECK (priority >= 0),
    max_concurrent integer,
    rpm            integer,
    tpm            integer,
    position       integer     NOT NULL,
    retired_at     timestamptz
);
CREATE INDEX deployments_model ON deployments (model_id) WHERE retired_at IS NULL;
CREATE INDEX deployments_provider ON deployments (provider_id) WHERE retired_at IS NULL;

-- Price versions: append-only, so that past usage can be re-priced exactly.
CREATE TABLE prices (
    id                  uuid           PRIMARY KEY,
    model_id            uuid           NOT NULL REFERENCES models (id),
    deployment_id       uuid           REFERENCES deployments (id),
    input_per_1m        numeric(20,10) NOT NULL CHECK (input_per_1m >= 0),
    output_per_1m       numeric(20,10) NOT NULL CHECK (output_per_1m >= 0),
    cached_input_per_1m numeric(20,10) CHECK (cached_input_per_1m >= 0),
    currency            text           NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    effective_from      timestamptz    NOT NULL,
    created_at          timestamptz    NOT NULL
);
CREATE INDEX prices_model ON prices (model_id, effective_from);

-- Transactional outbox: events written with the change they describe, published by the relay.
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    routing_key  text        NOT NULL,
    subject      text        NOT NULL,
    org_id       uuid,
    data         jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE published_at IS NULL;
