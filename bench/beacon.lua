-- wrk script: POST the read beacon, with no cookie (each request a new reader: one UPDATE each).
wrk.method = "POST"
done = function(summary, latency, requests)
  io.write(string.format("requests: %d\nnon-2xx: %d\n", summary.requests, summary.errors.status))
end
