-- Sets the authoritative spend of one period from metering, replacing the running estimate, unless the stored
-- value is already as recent (docs/quotas.md). KEYS[1]: the spend hash. ARGV: spent (micros), as-of (ms), TTL (ms).
local asof = tonumber(redis.call('HGET', KEYS[1], 'asof') or '-1')
if asof >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'spent', ARGV[1], 'asof', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
