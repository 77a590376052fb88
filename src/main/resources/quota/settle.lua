-- Ends an admission (docs/quotas.md): charges or refunds the difference between actual and estimated tokens on
-- every TPM counter, frees the in-flight slots and turns the held cost into spent cost. A release is a settle
-- of nothing used.
-- KEYS: the TPM counters, then the in-flight sets, then the spend hashes.
-- ARGV: admission id, token difference (actual − estimate), estimated cost, actual cost (micros), the three
--       counts, one TPM limit per TPM counter, then one TTL (ms) per spend hash.
local t = redis.call('TIME')
local now = (tonumber(t[1]) - 1767225600) * 1000000 + tonumber(t[2])
local WINDOW = 60000000
local id, delta, held, actual = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nt, nc, nb = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
for i = 1, nt do
  local interval = WINDOW / tonumber(ARGV[7 + i])
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  local after = tat + delta * interval
  if after <= now then
    redis.call('DEL', KEYS[i])
  else
    redis.call('SET', KEYS[i], string.format('%.3f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
  end
end
for i = nt + 1, nt + nc do
  redis.call('ZREM', KEYS[i], id)
end
for i = nt + nc + 1, nt + nc + nb do
  local left = redis.call('HINCRBY', KEYS[i], 'held', -held)
  if left < 0 then redis.call('HSET', KEYS[i], 'held', 0) end
  redis.call('HINCRBY', KEYS[i], 'spent', actual)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[7 + nt + i - nt - nc]))
end
return 1
