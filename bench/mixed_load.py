"""A bounded mixed load for the memory measurement: exactly N GET requests over a list of
paths, from C keep-alive connections, to one server on 127.0.0.1.

    python3 bench/mixed_load.py --port 18002 --requests 10000 --concurrency 8 PATHS_FILE

Prints the number of requests, the time taken, the statuses and the page-cache hits.
"""

import argparse
import collections
import http.client
import itertools
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths_file")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    with open(args.paths_file, encoding="utf-8") as paths_file:
        paths = [line.strip() for line in paths_file if line.strip()]
    order = itertools.islice(itertools.cycle(paths), args.requests)
    lock = threading.Lock()
    statuses = collections.Counter()
    cache = collections.Counter()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=args.timeout)
        while True:
            with lock:
                path = next(order, None)
            if path is None:
                break
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status, hit = response.status, response.getheader("X-Page-Cache", "none")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as error:
                status, hit = type(error).__name__, "none"
                conn.close()
            with lock:
                statuses[status] += 1
                cache[hit] += 1
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    total = sum(statuses.values())
    print(f"{total} requests over {len(paths)} paths in {elapsed:.1f} s ({total / elapsed:.1f} req/s)")
    print("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
    print("X-Page-Cache: " + ", ".join(f"{k}: {v}" for k, v in sorted(cache.items())))


if __name__ == "__main__":
    main()
