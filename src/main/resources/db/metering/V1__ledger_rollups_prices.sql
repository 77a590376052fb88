-- The usage ledger: one row per finished /v1 request, keyed by the gateway's usage id (the CloudEvent id), so
-- that a redelivered event can never add a second row. Costs are exact numerics; a request without a price in
-- effect is stored with unpriced = true and cost null (never 0) until a price arrives (ADR 0020).
CREATE TABLE usage_ledger (
    usage_id           uuid        PRIMARY KEY,
    request_id         text        NOT NULL,
    org_id             uuid        NOT NULL,
    project_id         uuid,
    key_id             uuid,
    model              text        NOT NULL,
    endpoint           text        NOT NULL,
    stream             boolean     NOT NULL,
    deployment_id      uuid,
    provider_id        uuid,
    provider           text,
    upstream_model     text,
    prompt_tokens      bigint      NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens  bigint      NOT NULL CHECK (completion_tokens >= 0),
    cached_tokens      bigint      NOT NULL CHECK (cached_tokens >= 0),
    cache_write_tokens bigint      NOT NULL CHECK (cache_write_tokens >= 0),
    reasoning_tokens   bigint      NOT NULL CHECK (reasoning_tokens >= 0),
    estimated          boolean     NOT NULL,
    outcome            text        NOT NULL CHECK (outcome IN ('ok', 'error', 'cancelled')),
    http_status        integer     NOT NULL,
    error_code         text,
    ttfb_ms            bigint,
    duration_ms        bigint      NOT NULL,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NOT NULL,
    cost               numeric,
    currency           text,
    unpriced           boolean     NOT NULL,
    price_id           uuid,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (unpriced = (cost IS NULL) AND (cost IS NULL) = (currency IS NULL) AND (cost IS NULL) = (price_id IS NULL))
);
-- A client may reuse an x-request-id: the lookup takes the most recent row of the org.
CREATE INDEX usage_ledger_request ON usage_ledger (org_id, request_id, started_at DESC);
-- Re-pricing finds a model's unpriced rows without scanning the priced ones.
CREATE INDEX usage_ledger_unpriced ON usage_ledger (model, started_at) WHERE unpriced;
CREATE INDEX usage_ledger_unpriced_deployment ON usage_ledger (deployment_id, started_at) WHERE unpriced;
-- Retention deletes the oldest rows in batches.
CREATE INDEX usage_ledger_started ON usage_ledger (started_at);

-- Metering's own projection of the catalog's price versions (catalog.price-added.v1); append-only.
CREATE TABLE prices (
    price_id            uuid        PRIMARY KEY,
    model_id            uuid        NOT NULL,
    model_name          text        NOT NULL,
    deployment_id       uuid,
    input_per_1m        numeric     NOT NULL CHECK (input_per_1m >= 0),
    output_per_1m       numeric     NOT NULL CHECK (output_per_1m >= 0),
    cached_input_per_1m numeric     CHECK (cached_input_per_1m >= 0),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    effective_from      timestamptz NOT NULL,
    catalog_revision    bigint      NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prices_model ON prices (model_name, effective_from) WHERE deployment_id IS NULL;
CREATE INDEX prices_deployment ON prices (deployment_id, effective_from) WHERE deployment_id IS NOT NULL;

-- Hourly and daily aggregates of the ledger, maintained in the ledger row's transaction by upserting deltas.
-- A request lands in one of 8 shards (from its usage id), so that concurrent consumers writing the same org,
-- key and model rarely wait for the same row; readers sum the shards. currency is null for unpriced requests.
CREATE TABLE usage_hourly (
    org_id            uuid        NOT NULL,
    bucket            timestamptz NOT NULL,
    project_id        uuid,
    key_id            uuid,
    model             text        NOT NULL,
    currency          text,
    shard             smallint    NOT NULL,
    requests          bigint      NOT NULL,
    prompt_tokens     bigint      NOT NULL,
    completion_tokens bigint      NOT NULL,
    cached_tokens     bigint      NOT NULL,
    unpriced_requests bigint      NOT NULL,
    cost              numeric     NOT NULL
);
CREATE UNIQUE INDEX usage_hourly_key ON usage_hourly (org_id, bucket, project_id, key_id, model, currency, shard)
    NULLS NOT DISTINCT;

CREATE TABLE usage_daily (LIKE usage_hourly INCLUDING ALL);

-- Idempotent consumers: one row per (consumer, event) processed, written in the effect's transaction.
CREATE TABLE inbox (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Transactional outbox: spend updates written with the ledger change they describe, published by the relay.
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

-- The price in effect for a request: the latest version of its deployment's price that started by then, else
-- the latest of its model's (catalog semantics: a deployment-level price wins over the model-level one).
CREATE FUNCTION price_in_effect(p_model text, p_deployment uuid, p_at timestamptz) RETURNS SETOF prices
LANGUAGE sql STABLE AS $$
    SELECT * FROM prices
     WHERE effective_from <= p_at
       AND ((p_deployment IS NOT NULL AND deployment_id = p_deployment) OR (deployment_id IS NULL AND model_name = p_model))
     ORDER BY deployment_id IS NULL, effective_from DESC, received_at DESC
     LIMIT 1
$$;

-- Exact cost: uncached prompt at the input price, cached prompt at the cached price (input when it has none),
-- completion at the output price; prices are per million tokens. Multiplying by 0.000001 keeps numeric exact.
CREATE FUNCTION usage_cost(prompt bigint, cached bigint, completion bigint, input numeric, cached_input numeric,
                           output numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    SELECT (greatest(prompt - cached, 0) * input + least(cached, prompt) * coalesce(cached_input, input)
            + completion * output) * 0.000001
$$;
