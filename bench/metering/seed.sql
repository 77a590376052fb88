-- Seeds one organisation with :rows ledger rows over the :days days before today (UTC), as the ledger consumer
-- would have left them: 10 projects, 50 keys (each of one project, using two of six models), prices for five
-- models (the sixth unpriced), 8 shards. The rollups are then built from the ledger in one aggregation — the
-- benchmark measures the usage API's reads, not the consumer. Variables: org, rows, days. Deterministic (setseed).
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO prices (price_id, model_id, model_name, deployment_id, input_per_1m, output_per_1m, cached_input_per_1m,
                    currency, effective_from, catalog_revision)
SELECT gen_random_uuid(), gen_random_uuid(), 'bench-model-' || m, NULL, 0.15 * m, 0.6 * m,
       CASE WHEN m % 2 = 0 THEN 0.075 * m END, 'USD', '2020-01-01T00:00:00Z', 1
  FROM generate_series(1, 5) AS m
 WHERE NOT EXISTS (SELECT FROM prices WHERE model_name = 'bench-model-1');

CREATE TEMP TABLE bench_keys AS
SELECT k, gen_random_uuid() AS key_id, (k % 10) AS project_no
  FROM generate_series(0, 49) AS k;
CREATE TEMP TABLE bench_projects AS SELECT p AS project_no, gen_random_uuid() AS project_id FROM generate_series(0, 9) AS p;

INSERT INTO usage_ledger (usage_id, request_id, org_id, project_id, key_id, model, endpoint, stream, deployment_id,
       provider_id, provider, upstream_model, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens,
       reasoning_tokens, estimated, outcome, http_status, error_code, ttfb_ms, duration_ms, started_at, finished_at,
       cost, currency, unpriced, price_id)
SELECT r.usage_id, 'bench-' || r.i, :'org'::uuid, p.project_id, k.key_id, r.model, '/v1/chat/completions', r.i % 3 = 0,
       NULL, NULL, 'openai', r.model, r.prompt, r.completion, r.cached, 0, 0, false,
       CASE WHEN r.i % 50 = 0 THEN 'error' ELSE 'ok' END, CASE WHEN r.i % 50 = 0 THEN 502 ELSE 200 END,
       CASE WHEN r.i % 50 = 0 THEN 'upstream_error' END, 150, 900, r.started_at, r.started_at + interval '900 ms',
       usage_cost(r.prompt, r.cached, r.completion, pr.input_per_1m, pr.cached_input_per_1m, pr.output_per_1m),
       pr.currency, pr.price_id IS NULL, pr.price_id
  FROM (SELECT i, gen_random_uuid() AS usage_id, (i % 50) AS k,
               date_trunc('day', now(), 'UTC') - make_interval(secs => random() * :days * 86400) AS started_at,
               (random() * 4000)::bigint AS prompt, (random() * 1000)::bigint AS completion,
               (random() * 500)::bigint AS cached,
               -- key k uses two models, k mod 6 and (k + 3) mod 6
               'bench-model-' || CASE WHEN random() < 0.5 THEN 1 + (i % 50 % 6) ELSE 1 + ((i % 50 + 3) % 6) END AS model
          FROM generate_series(1, :rows) AS i) r
  JOIN bench_keys k ON k.k = r.k
  JOIN bench_projects p ON p.project_no = k.project_no
  LEFT JOIN LATERAL price_in_effect(r.model, NULL, r.started_at) pr ON true;

INSERT INTO usage_hourly
SELECT org_id, date_trunc('hour', started_at, 'UTC'), project_id, key_id, model, currency,
       get_byte(uuid_send(usage_id), 15) % 8, count(*), sum(prompt_tokens), sum(completion_tokens),
       sum(cached_tokens), count(*) FILTER (WHERE unpriced), coalesce(sum(cost), 0)
  FROM usage_ledger WHERE org_id = :'org'::uuid GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO usage_daily
SELECT org_id, date_trunc('day', bucket, 'UTC'), project_id, key_id, model, currency, shard, sum(requests),
       sum(prompt_tokens), sum(completion_tokens), sum(cached_tokens), sum(unpriced_requests), sum(cost)
  FROM usage_hourly WHERE org_id = :'org'::uuid GROUP BY 1, 2, 3, 4, 5, 6, 7;
ANALYZE usage_ledger;
ANALYZE usage_hourly;
ANALYZE usage_daily;

SELECT (SELECT count(*) FROM usage_ledger WHERE org_id = :'org'::uuid) AS ledger_rows,
       (SELECT count(*) FROM usage_hourly WHERE org_id = :'org'::uuid) AS hourly_rows,
       (SELECT count(*) FROM usage_daily WHERE org_id = :'org'::uuid) AS daily_rows;
