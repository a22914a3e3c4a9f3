-- wrk script of the benchmark: plays the signed webhook pairs of a LoadData file, optionally paced.
--   wrk -t<T> -c<C> -d<D> -s webhooks.lua <url> -- <calls file> <T> [<rate req/s, 0 = as fast as possible>]
-- Thread i of T plays the pairs i, i+T, ... . A call's dial-status goes out 64 calls after its incoming-call,
-- as Twilio sends it only once the incoming-call was answered (the ring time), never both at once.
-- Pacing is closed-loop: each connection waits for its response, then for its slot in the thread's schedule;
-- a server slower than the rate falls behind and the achieved rate says so.
-- Every response other than 2xx counts as an error; done() prints one RESULT line for run.sh.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local LAG = 64

function init(args)
  local file, nthreads, rate = args[1], tonumber(args[2]), tonumber(args[3] or "0")
  local incoming, dial = {}, {}
  local k = 0
  for line in io.lines(file) do
    local pair = math.floor(k / 2)
    if pair % nthreads == id then
      local path, body, signature = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)$")
      local request = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = signature,
      }, body)
      if k % 2 == 0 then table.insert(incoming, request) else table.insert(dial, request) end
    end
    k = k + 1
  end
  sequence = {}
  for j = 1, #incoming do
    table.insert(sequence, incoming[j])
    if j > LAG then table.insert(sequence, dial[j - LAG]) end
  end
  for j = math.max(1, #incoming - LAG + 1), #dial do table.insert(sequence, dial[j]) end
  position = 0
  replays = 0
  errors_4xx = 0
  errors_5xx = 0
  errors_other = 0
  interval = (rate > 0) and (nthreads * 1000 / rate) or 0
  next_at = nil
end

function request()
  position = position + 1
  if position > #sequence then
    -- Out of fresh calls: replays are cheaper than new calls, so they are counted and reported.
    position = 1
    replays = replays + 1
  end
  return sequence[position]
end

function delay()
  if interval == 0 then return 0 end
  local now = now_ms()
  if next_at == nil then next_at = now end
  local wait = next_at - now
  next_at = next_at + interval
  return wait > 0 and wait or 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then return end
  if status >= 500 then errors_5xx = errors_5xx + 1
  elseif status >= 400 then errors_4xx = errors_4xx + 1
  else errors_other = errors_other + 1 end
end

function done(summary, latency, requests)
  local e4, e5, eo, wrapped = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    e4 = e4 + thread:get("errors_4xx")
    e5 = e5 + thread:get("errors_5xx")
    eo = eo + thread:get("errors_other")
    wrapped = wrapped + thread:get("replays")
  end
  local s = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f " ..
    "non2xx=%d e4xx=%d e5xx=%d socket=%d timeouts=%d replays=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e4 + e5 + eo, e4, e5, s.connect + s.read + s.write, s.timeout, wrapped))
end
