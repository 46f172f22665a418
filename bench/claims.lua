-- wrk script: pullers on one queue. Each connection claims up to 10 leads, then sends its verdicts on all of
-- them (ACCEPTED, each with its lease token) in one bulk request (POST /api/v1/feedback) before claiming
-- again. The leads and tokens are read from the claim answer. Rep ids are per thread; the runner makes them
-- queue members. LH_SINGLE_VERDICTS=1 sends one POST /api/v1/leads/{id}/feedback per lead instead.
-- Run from the repository root.
package.path = "bench/?.lua;" .. package.path
require("common")
local pending = {}
local queue = os.getenv("LH_QUEUE") or "inbound"
local single = os.getenv("LH_SINGLE_VERDICTS") == "1"
local function verdict(lead, with_id)
  return string.format('{%s"outcome":"ACCEPTED","repId":"bench-rep-%d","leaseToken":"%s"}',
    with_id and ('"leadId":"' .. lead.id .. '",') or "", thread_id, lead.token)
end
request = function()
  if #pending > 0 and single then
    local next = table.remove(pending)
    return wrk.format("POST", "/api/v1/leads/" .. next.id .. "/feedback", nil, verdict(next, false))
  end
  if #pending > 0 then
    local items = {}
    for i, lead in ipairs(pending) do
      items[i] = verdict(lead, true)
    end
    pending = {}
    return wrk.format("POST", "/api/v1/feedback", nil, '{"verdicts":[' .. table.concat(items, ",") .. ']}')
  end
  return wrk.format("POST", "/api/v1/queues/" .. queue .. "/claims", nil,
    string.format('{"repId":"bench-rep-%d","count":10,"leaseSeconds":600}', thread_id))
end
response = function(status, headers, body)
  if status == 200 and string.find(body, '"claimed"', 1, true) then
    for token, id in string.gmatch(body, '"leaseToken":"([^"]+)","leaseExpiresAt":"[^"]+","lead":{"id":"([^"]+)"') do
      table.insert(pending, {id = id, token = token})
    end
  end
end
