-- wrk script: POST /api/v1/leads/batch with 500 unique, realistic leads per request (run from the repository root).
package.path = "bench/?.lua;" .. package.path
require("common")
local counter = 0
local titles = {"VP Sales", "CTO", "Engineering Manager", "Marketing Director", "Analyst", "Founder"}
wrk.method = "POST"
request = function()
  local items = {}
  for i = 1, 500 do
    counter = counter + 1
    local id = string.format("%d-%d-%d-%d", os.time(), thread_id, math.random(1, 1000000000), counter)
    items[i] = string.format('{"email":"b-%s@company%d.example","title":"%s","company":"Company %d","employeeCount":%d,' ..
      '"country":"US","source":"batch","externalId":"%s","campaign":"bench-batch"}',
      id, math.random(1, 5000), titles[math.random(#titles)], math.random(1, 5000), math.random(1, 20000), id)
  end
  return wrk.format(nil, "/api/v1/leads/batch", nil, '{"leads":[' .. table.concat(items, ",") .. ']}')
end
