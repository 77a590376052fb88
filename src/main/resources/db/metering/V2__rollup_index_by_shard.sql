-- The rollups' unique index, led by the shard and including the sums (ADR 0031).
--
-- Led by (org_id, bucket), the index kept the rows of a closed bucket's folded shard 0 between the emptied slots of
-- shards 1–7, so its pages stayed an eighth full and an hourly week read ~1,700 index pages and the heap. Led by
-- the shard, closed buckets lie together in shard 0's part and the other parts are emptied whole (their pages are
-- recycled); with the sums included, a report is an index-only scan. Readers name every shard
-- (shard = ANY('{0,…,7}')) so that the index serves them. The arbiter of the upserts is unchanged: the same columns.
CREATE UNIQUE INDEX usage_hourly_by_shard ON usage_hourly (shard, org_id, bucket, project_id, key_id, model, currency)
    INCLUDE (requests, prompt_tokens, completion_tokens, cached_tokens, unpriced_requests, cost) NULLS NOT DISTINCT;
DROP INDEX usage_hourly_key;
ALTER INDEX usage_hourly_by_shard RENAME TO usage_hourly_key;

CREATE UNIQUE INDEX usage_daily_by_shard ON usage_daily (shard, org_id, bucket, project_id, key_id, model, currency)
    INCLUDE (requests, prompt_tokens, completion_tokens, cached_tokens, unpriced_requests, cost) NULLS NOT DISTINCT;
DROP INDEX usage_daily_org_id_bucket_project_id_key_id_model_currency__idx;
ALTER INDEX usage_daily_by_shard RENAME TO usage_daily_key;
