-- wrk script for bench/webhook.py: replays pre-signed Twilio webhooks, each wrk thread its own slice.
--
-- The file (REQUESTS_FILE) holds one request a line: "signature<TAB>urlencoded form". Thread t of n
-- sends lines t, t+n, t+2n, ... in order, so a planned duplicate (a Twilio retry) follows its
-- original on the same thread, as bench/traffic.py arranged. At the end every thread reports how
-- many requests it sent and whether it ran out of lines (then it starts over: repeats would be
-- duplicates, which are cheaper, so the report says so).

local threads = {}
local thread_count = tonumber(os.getenv("WRK_THREADS") or "1")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("REQUESTS_FILE")
  local lines = {}
  local index = 0
  for line in io.lines(path) do
    if index % thread_count == id then
      local tab = line:find("\t", 1, true)
      local signature = line:sub(1, tab - 1)
      local body = line:sub(tab + 1)
      lines[#lines + 1] = wrk.format("POST", "/twilio/inbound", {
        ["X-Twilio-Signature"] = signature,
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, body)
    end
    index = index + 1
  end
  requests_list = lines
  cursor = 0
  sent = 0
  wrapped = 0
  statuses = {}
end

function request()
  cursor = cursor + 1
  if cursor > #requests_list then
    cursor = 1
    wrapped = 1
  end
  sent = sent + 1
  return requests_list[cursor]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local sent_total, wrapped_any = 0, 0
  local status_totals = {}
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    wrapped_any = math.max(wrapped_any, thread:get("wrapped"))
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      status_totals[status] = (status_totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(status_totals) do
    parts[#parts + 1] = string.format('"%d": %d', status, count)
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, "errors_read": %d, '
      .. '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "sent": %d, "wrapped": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, sent_total, wrapped_any,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    table.concat(parts, ", ")))
end
