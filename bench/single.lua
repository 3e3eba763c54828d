-- wrk: one Xoal event per request, each with its own messageId.
local counter = 0
local tag = os.getenv("TAG") or "wrk"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  counter = counter + 1
  local id = tag .. "-" .. tostring(math.random(1, 1000000000)) .. "-" .. counter
  local body = '{"event":"feature_used","messageId":"' .. id .. '","properties":{"userId":"c' ..
    (counter % 5000) .. '","customData":{"plan":"pro","amount":12.5,"path":"/app/section/3","campaign":"autumn-2","browser":"Firefox 133","ok":true}}}'
  return wrk.format(nil, nil, nil, body)
end
