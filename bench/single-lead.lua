-- wrk script: POST /api/v1/leads with a unique, realistic lead per request.
-- Each wrk thread gets its own id and random seed, so no two requests share an email (a shared email
-- would be a merge into one lead: real, but not what this scenario measures).
local counter = 0
local next_thread = 0
thread_id = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end
function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
end
local titles = {"VP Sales", "CTO", "Engineering Manager", "Marketing Director", "Analyst", "Founder"}
local sources = {"hubspot", "marketo", "mautic", "web"}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("LH_API_KEY") or "")
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
