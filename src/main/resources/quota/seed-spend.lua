-- Raises the spend of one period to metering's authoritative total, unless the stored value is already as recent
-- (docs/quotas.md). Never lowers it: costs the gateways settled after metering's as-of are in the running total but
-- not yet in the ledger's, and forgetting them would let a budget overspend. KEYS[1]: the spend hash.
-- ARGV: spent (micros), as-of (ms), TTL (ms).
local asof = tonumber(redis.call('HGET', KEYS[1], 'asof') or '-1')
if asof >= tonumber(ARGV[2]) then
  return 0
end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
if tonumber(ARGV[1]) > spent then
  redis.call('HSET', KEYS[1], 'spent', ARGV[1])
end
redis.call('HSET', KEYS[1], 'asof', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
