-- wrk script of the HTTP load run (benchmarks/load.sh): counts every response that is not a 200
-- (wrk itself counts only statuses above 399, so a redirect to the log-in page would pass), and
-- when the run ends writes one JSON object to the file named by FEEDKIT_WRK_JSON: responses,
-- non-200s, socket errors, req/s and the latency percentiles in microseconds.
--
-- Each wrk thread has its own Lua state; setup() keeps the threads so that done() can add up
-- their counters.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses = 0
  non200 = 0
  last_non200 = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    non200 = non200 + 1
    last_non200 = status
  end
end

function done(summary, latency, requests)
  local responses, non200, last_non200 = 0, 0, 0
  for _, thread in ipairs(threads) do
    responses = responses + thread:get("responses")
    non200 = non200 + thread:get("non200")
    if thread:get("last_non200") ~= 0 then
      last_non200 = thread:get("last_non200")
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local out = string.format(
    '{"responses": %d, "requests": %d, "non200": %d, "last_non200_status": %d, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"duration_s": %.3f, "bytes": %d, "requests_per_s": %.1f, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "p999": %d, "max": %d, "mean": %.1f, '
      .. '"stdev": %.1f}}\n',
    responses, summary.requests, non200, last_non200, e.connect, e.read, e.write, e.timeout,
    seconds, summary.bytes, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, latency.stdev)
  local path = os.getenv("FEEDKIT_WRK_JSON")
  if path then
    local file = assert(io.open(path, "w"))
    file:write(out)
    file:close()
  else
    io.write(out)
  end
end
