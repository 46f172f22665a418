-- wrk script: POST /api/v1/leads with a unique, realistic lead per request (run from the repository root).
package.path = "bench/?.lua;" .. package.path
require("common")
local counter = 0
local titles = {"VP Sales", "CTO", "Engineering Manager", "Marketing Director", "Analyst", "Founder"}
local sources = {"hubspot", "marketo", "mautic", "web"}
wrk.method = "POST"
request = function()
  counter = counter + 1
  local id = string.format("%d-%d-%d-%d", os.time(), thread_id, math.random(1, 1000000000), counter)
  local body = string.format(
    '{"email":"lead-%s@company%d.example","firstName":"Ada","lastName":"Lovelace","title":"%s","company":"Company %d",' ..
    '"employeeCount":%d,"country":"GB","source":"%s","externalId":"%s","campaign":"bench",' ..
    '"activity":{"pageViews":%d,"formSubmissions":1}}',
    id, math.random(1, 5000), titles[math.random(#titles)], math.random(1, 5000), math.random(1, 20000),
    sources[math.random(#sources)], id, math.random(0, 40))
  return wrk.format(nil, "/api/v1/leads", nil, body)
end
-- With LH_DELAY_MS set, each connection pauses that long between requests: a steady, open rate
-- (the runner uses it for the latency at half the maximum rate).
local pause = tonumber(os.getenv("LH_DELAY_MS") or "0")
if pause > 0 then
  delay = function()
    return pause
  end
end
