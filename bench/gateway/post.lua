-- wrk script for bench/gateway/run: POSTs BENCH_BODY with BENCH_AUTH (optional) and prints a RESULT line.
-- With BENCH_COUNT_STATUSES=1 it also counts the statuses other than 200 (a Lua call per response: used only
-- where the server, not wrk, is the bottleneck).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("BENCH_COUNT_STATUSES") == "1" then
  others = {}
  function response(status, headers, body)
    if status ~= 200 then
      others[status] = (others[status] or 0) + 1
    end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout
  local counted = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("others")
    if seen ~= nil then
      for status, n in pairs(seen) do
        counted[status] = (counted[status] or 0) + n
      end
    end
  end
  local statuses = ""
  for status, n in pairs(counted) do
    statuses = statuses .. (statuses == "" and "" or ",") .. status .. ":" .. n
  end
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.3f p90=%.3f p99=%.3f max=%.3f errors=%d"
    .. " status_errors=%d socket_errors=%d non200=%s\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status,
    errors - summary.errors.status, statuses == "" and "none" or statuses))
end
