-- Writes a projected definition unless Redis already holds a later version of it, so that a periodic rebuild
-- that read the database before a change cannot overwrite that change's own projection (ADR 0019).
-- KEYS[1]: the definition key. ARGV: the JSON (with its "version"), the version.
local current = redis.call('GET', KEYS[1])
if current then
  local ok, stored = pcall(cjson.decode, current)
  if ok and type(stored) == 'table' and tonumber(stored.version) and tonumber(stored.version) > tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
