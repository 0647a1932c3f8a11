-- make load: a wrk script that mixes pages as one logged-in user.
-- Arguments after "--": the Cookie header, then the paths to request in turn (round robin).
-- Every answer that is not 2xx counts as an error (a 302 to the login page is one too: wrk's own
-- count of "Non-2xx or 3xx" would miss it). done() prints one JSON line for bench/load.py.

local paden = {}
local cookie = ""
local volgende = 0
fouten = 0 -- global: done() reads it from every thread
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  cookie = args[1]
  for i = 2, #args do
    table.insert(paden, args[i])
  end
end

function request()
  volgende = volgende % #paden + 1
  return wrk.format("GET", paden[volgende], { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    fouten = fouten + 1
  end
end

function done(summary, latency, requests)
  local niet_2xx = 0
  for _, thread in ipairs(threads) do
    niet_2xx = niet_2xx + (thread:get("fouten") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    '{"verzoeken": %d, "duur_s": %.3f, "bytes": %d, "niet_2xx": %d, '
      .. '"socketfouten": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, '
      .. '"latentie_ms": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "max": %.2f}}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, niet_2xx,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000
  ))
end
