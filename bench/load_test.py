#!/usr/bin/env python3
"""Mixed load against a running Cổng Tin on loopback: 80% reads, 20% votes from many voters.

Bounded in time and clients, loopback only. At the end every article's vote count is
read back and compared with the votes that were answered 200:

    bench/load_test.py --base http://127.0.0.1:18000 --duration 60 --clients 64

The server must allow many votes from one address (RATING_RATE_LIMIT=1000000/1m).
Exit status 0 only if no 5xx was seen (outside --fault windows) and the counts match.
"""

import argparse
import http.client
import itertools
import json
import random
import re
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

COOKIE = re.compile(r"^([^=;]+)=([^;]*)")
VOTER_IDS = itertools.count()


class Session:
    """One reader: a keep-alive connection and a cookie jar."""

    def __init__(self, host, port):
        self.host, self.port, self.cookies, self.connection = host, port, {}, None
        self.key = next(VOTER_IDS)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                for name, value in response.getheaders():
                    if name.lower() == "set-cookie" and (match := COOKIE.match(value)):
                        self.cookies[match.group(1)] = match.group(2)
                return response.status, data
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    return None, b""
        return None, b""

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def discover(base):
    host, port = urlsplit(base).hostname, urlsplit(base).port or 80
    session = Session(host, port)
    articles = []
    for offset in (0, 20, 40):  # the API serves 20 items a page
        _, data = session.request("GET", f"/api/v2/pages/?type=news.ArticlePage&limit=20&offset={offset}")
        articles += [(item["id"], urlsplit(item["meta"]["html_url"]).path) for item in json.loads(data)["items"]]
    sections = sorted({"/" + path.strip("/").split("/")[0] + "/" for _, path in articles})
    return host, port, articles, sections


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:18000")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--vote-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--fault-window",
        default="",
        help="START:END seconds in which errors are expected (a service is being restarted), e.g. 40:50",
    )
    args = parser.parse_args()
    host, port, articles, sections = discover(args.base)
    baseline = {}
    probe = Session(host, port)
    for page_id, _ in articles:  # votes cast before this run
        _, data = probe.request("GET", f"/danh-gia/{page_id}/")
        baseline[page_id] = json.loads(data)["count"]
    probe.close()
    reads = ["/", *sections, *(path for _, path in articles), "/tim-kiem/?q=ky+ket", "/rss/"]
    lock = threading.Lock()
    statuses = Counter()
    errors_by_second = Counter()
    answered = defaultdict(set)  # page id -> voters whose vote was answered 200
    uncertain = defaultdict(set)  # page id -> voters whose vote got no clear answer
    voters = []  # (page id, session) that voted before, for re-votes
    started = time.monotonic()
    deadline = started + args.duration

    def client(number):
        rng = random.Random(args.seed * 1000 + number)  # noqa: S311 -- load pattern, not security
        reader = Session(host, port)
        while time.monotonic() < deadline:
            if rng.random() >= args.vote_share:
                status, _ = reader.request("GET", rng.choice(reads))
            else:
                with lock:
                    again = voters and rng.random() < 0.3
                    page_id, voter = rng.choice(voters) if again else (rng.choice(articles)[0], Session(host, port))
                if "csrftoken" not in voter.cookies:
                    voter.request("GET", f"/danh-gia/{page_id}/")
                body = json.dumps({"score": rng.randint(1, 5)})
                status, _ = voter.request(
                    "POST",
                    f"/danh-gia/{page_id}/",
                    body=body,
                    headers={
                        "Content-Type": "application/json",
                        "Accept": "application/json",
                        "X-CSRFToken": voter.cookies.get("csrftoken", ""),
                    },
                )
                with lock:
                    if status == 200:
                        answered[page_id].add(voter.key)
                        voters.append((page_id, voter))
                    else:
                        uncertain[page_id].add(voter.key)
            with lock:
                statuses[status] += 1
                if status is None or status >= 500:
                    errors_by_second[int(time.monotonic() - started)] += 1
        reader.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.duration + 60)
    elapsed = time.monotonic() - started

    checker = Session(host, port)
    mismatches = {}
    for page_id in sorted(set(answered) | set(uncertain)):
        _, data = checker.request("GET", f"/danh-gia/{page_id}/")
        count = json.loads(data)["count"] - baseline[page_id]
        sure, unsure = len(answered[page_id]), len(uncertain[page_id] - answered[page_id])
        if not sure <= count <= sure + unsure:
            mismatches[page_id] = {"db_new_votes": count, "answered_200": sure, "unanswered": unsure}
    votes_200 = sum(len(v) for v in answered.values())
    summary = {
        "seconds": round(elapsed, 1),
        "requests": sum(statuses.values()),
        "requests_per_second": round(sum(statuses.values()) / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
        "voters_answered_200": votes_200,
        "pages_voted": len(answered),
        "count_mismatches": mismatches,
        "error_seconds": dict(sorted(errors_by_second.items())),
    }
    print(json.dumps(summary, indent=2))
    window = range(*map(int, args.fault_window.split(":"))) if args.fault_window else range(0)
    errors_outside = {second: n for second, n in errors_by_second.items() if second not in window}
    summary_line = {"errors_outside_fault_window": errors_outside, "count_mismatches": len(mismatches)}
    print(json.dumps(summary_line))
    return 0 if not mismatches and not errors_outside else 1


if __name__ == "__main__":
    raise SystemExit(main())
