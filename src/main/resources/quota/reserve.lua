-- Checks and reserves one request at every level at once (docs/quotas.md, ADR 0019). Nothing is written unless
-- every check passes, so a denied request leaves no trace.
-- KEYS: the RPM counters, then the TPM counters, then the in-flight sets, then the spend hashes.
-- ARGV: admission id, estimated tokens, estimated cost (micros), lease (ms), the four counts, one limit per key,
--       then one TTL (ms) per spend hash.
-- RPM and TPM are GCRA over a 60 s window: a counter holds its theoretical arrival time (TAT, µs since
-- 2026-01-01 so that doubles keep sub-µs precision), and a request fits while TAT + cost × (60 s ÷ limit) − now
-- stays within the window.
local t = redis.call('TIME')
local now = (tonumber(t[1]) - 1767225600) * 1000000 + tonumber(t[2])
local WINDOW = 60000000
local EPSILON = 1
local id, est, cost, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nr, nt, nc, nb = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local LIMITS = 8

local rateDenied, budgetDenied, near, retry = false, false, 0, 0
local next = {}
local headers = {-1, -1, 0, -1, -1, 0}

local function gcra(i, weight, slot)
  local limit = tonumber(ARGV[LIMITS + i])
  local interval = WINDOW / limit
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  local after = tat + weight * interval
  local fits = limit > 0 and after - now <= WINDOW + EPSILON
  local remaining
  if fits then
    next[i] = after
    remaining = math.floor((WINDOW + EPSILON - (after - now)) / interval)
  else
    rateDenied = true
    local wait = (limit > 0 and weight * interval <= WINDOW) and (after - WINDOW - now) or WINDOW
    if wait > retry then retry = wait end
    remaining = limit > 0 and math.max(0, math.floor((WINDOW + EPSILON - (tat - now)) / interval)) or 0
  end
  if headers[slot + 1] < 0 or remaining < headers[slot + 1] then
    headers[slot] = limit
    headers[slot + 1] = remaining
    headers[slot + 2] = math.ceil(((fits and after or tat) - now) / 1000)
  end
end

for i = 1, nr do gcra(i, 1, 1) end
for i = nr + 1, nr + nt do gcra(i, est, 4) end
for i = nr + nt + 1, nr + nt + nc do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[LIMITS + i]) then
    rateDenied = true
    if retry < 1000000 then retry = 1000000 end
  end
end
local total = nr + nt + nc + nb
for i = nr + nt + nc + 1, total do
  local limit = tonumber(ARGV[LIMITS + i])
  local spent = tonumber(redis.call('HGET', KEYS[i], 'spent') or '0')
  local held = tonumber(redis.call('HGET', KEYS[i], 'held') or '0')
  -- Admitted while anything is left: the last admission may overshoot by at most its own reservation.
  if spent + held >= limit then
    budgetDenied = true
  elseif (spent + held + cost) * 100 >= limit * tonumber(ARGV[LIMITS + total + i - nr - nt - nc]) then
    near = 1
  end
end

local status = budgetDenied and 2 or (rateDenied and 1 or 0)
if status == 0 then
  for i = 1, nr + nt do
    if next[i] > now then
      redis.call('SET', KEYS[i], string.format('%.3f', next[i]), 'PX', math.ceil((next[i] - now) / 1000) + 1000)
    end
  end
  for i = nr + nt + 1, nr + nt + nc do
    redis.call('ZADD', KEYS[i], now + lease * 1000, id)
    redis.call('PEXPIRE', KEYS[i], lease)
  end
  for i = nr + nt + nc + 1, total do
    redis.call('HINCRBY', KEYS[i], 'held', cost)
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[LIMITS + total + nb + i - nr - nt - nc]))
  end
end
return {status, math.ceil(retry / 1000), headers[1], headers[2], headers[3], headers[4], headers[5], headers[6], near}
