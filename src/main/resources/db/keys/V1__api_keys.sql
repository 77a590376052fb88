-- API keys: never the secret; each key has one or more secrets (more than one while a rotation's grace lasts).
CREATE TABLE api_keys (
    id             uuid        PRIMARY KEY,
    org_id         uuid        NOT NULL,
    project_id     uuid,
    name           text        NOT NULL,
    display_prefix text        NOT NULL,
    scopes         text[]      NOT NULL,
    grantor_role   text        NOT NULL CHECK (grantor_role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz,
    revoked_at     timestamptz,
    revoke_reason  text,
    last_used_at   timestamptz
);
CREATE INDEX api_keys_org ON api_keys (org_id, id);

CREATE TABLE api_key_secrets (
    secret_hash text        PRIMARY KEY,
    key_id      uuid        NOT NULL REFERENCES api_keys (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz
);
CREATE INDEX api_key_secrets_key ON api_key_secrets (key_id);

-- The keys context's own view of organisation status, kept from identity events: keys of suspended or
-- deleted organisations leave the key index.
CREATE TABLE org_status (
    org_id     uuid        PRIMARY KEY,
    status     text        NOT NULL CHECK (status IN ('active', 'suspended', 'deleted')),
    updated_at timestamptz NOT NULL
);

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

CREATE TABLE inbox (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
