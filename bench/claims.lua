-- wrk script: pullers on one queue. Each connection claims up to 10 leads, then gives feedback
-- (ACCEPTED with the lease token) on each lead it got before claiming again. The leads and tokens
-- are read from the claim answer. Rep ids are per thread; the runner makes them queue members.
-- Run from the repository root.
package.path = "bench/?.lua;" .. package.path
require("common")
local pending = {}
local queue = os.getenv("LH_QUEUE") or "inbound"
request = function()
  local next = table.remove(pending)
  if next ~= nil then
    return wrk.format("POST", "/api/v1/leads/" .. next.id .. "/feedback", nil,
      string.format('{"outcome":"ACCEPTED","repId":"bench-rep-%d","leaseToken":"%s"}', thread_id, next.token))
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
