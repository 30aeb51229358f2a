"""The HTTP side of bench/two_servers.sh: two application servers, one site.

    two_servers.py checks --a URL --b URL --nginx URL --s3 URL --bucket NAME ...
    two_servers.py load --nginx URL --requests N --concurrency C --kill-pid PID ...

`checks` logs in to server A's admin, uploads an image there and finds it through server B
(admin and public page) and in the bucket; publishes a draft through A's admin and reads it
through A, B and nginx; votes through A and through B and reads each count back through the
other. `load` sends exactly N GET requests through nginx from C keep-alive connections,
signals one gunicorn once a given share of them is sent, and counts every answer.
Each check prints PASS or FAIL; the exit status is non-zero on any FAIL.
Loopback only; every loop is bounded in count and time.
"""

import argparse
import collections
import http.client
import io
import itertools
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FAILURES = []


def report(ok, name, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        FAILURES.append(name)
    return ok


class Browser:
    """One visitor: a cookie jar (kept by hand: the production cookies are Secure, sent
    here over plain loopback http) and a request to any of the servers."""

    def __init__(self):
        self.cookies = {}

    def request(self, base, method, path, body=None, headers=None):
        url = urlsplit(base)
        headers = {"Host": url.netloc, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for value in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or not cookie_value or cookie_value == '""':
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
            return response.status, response, data
        finally:
            conn.close()

    def form_token(self, base, path):
        status, _, data = self.request(base, "GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
        if status != 200 or not match:
            raise RuntimeError(f"GET {base}{path}: {status}, no form token")
        return match.group(1).decode(), data.decode()

    def post_form(self, base, path, fields, files=None):
        headers = {"Origin": base, "Referer": base + path}
        if files:
            boundary = "----two-servers-" + os.urandom(8).hex()
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content, kind) in files.items():
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {kind}\r\n\r\n"
                )
                parts.append(head.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(base, "POST", path, body=body, headers=headers)


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  loopback S3 server
        return response.status, response.headers.get("Content-Type", ""), response.read()


def s3_images_in(html, s3):
    return re.findall(r'(?:src|srcset)="(' + re.escape(s3) + r'/[^" ]+)', html)


def is_image(data):
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return f"{image.format} {image.size[0]}×{image.size[1]}"
    except Exception:  # noqa: BLE001  anything unreadable is "not an image"
        return None


def shell(code):
    """Run Python in `manage.py shell` with this process's environment (server A's)."""
    subprocess.run(  # noqa: S603  the project's own manage.py
        [os.environ.get("APP_PY", "python3"), "manage.py", "shell", "-v0", "-c", code],
        cwd=os.environ.get("APP_DIR", ROOT),
        check=True,
        timeout=120,
    )


def rating_count(base, page_id):
    status, _, data = Browser().request(base, "GET", f"/danh-gia/{page_id}/")
    return json.loads(data)["count"] if status == 200 else None


def wait_for(probe, expected, seconds):
    """Poll `probe()` every 0.1 s until it returns `expected` (bounded); returns (value, seconds)."""
    start = time.monotonic()
    value = probe()
    while value != expected and time.monotonic() - start < seconds:
        time.sleep(0.1)
        value = probe()
    return value, time.monotonic() - start


def checks(args):
    import boto3

    a, b, proxy, s3 = args.a, args.b, args.nginx, args.s3
    article = args.article
    status, _, data = Browser().request(
        a, "GET", f"/api/v2/pages/?type=news.ArticlePage&slug={article.strip('/').split('/')[-1]}"
    )
    page_id = json.loads(data)["items"][0]["id"]
    print(f"article {article} (id {page_id})")

    # --- Each server reaches the same database, cache and storage -----------------------------
    for name, base in (("server A", a), ("server B", b), ("nginx", proxy)):
        status, _, data = Browser().request(base, "GET", "/healthz/")
        report(
            status == 200 and json.loads(data) == {"database": "ok", "cache": "ok", "storage": "ok"},
            f"/healthz/ through {name} (from loopback: the details)",
            f"{status} {data.decode()}",
        )

    # --- An image uploaded through A's admin is shown by B --------------------------------
    editor = Browser()
    token, _ = editor.form_token(a, "/admin/login/")
    status, response, _ = editor.post_form(
        a,
        "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": args.user, "password": args.password, "next": "/admin/"},
    )
    report(status == 302 and "sessionid" in editor.cookies, "log in to server A's admin", f"{status}")

    from PIL import Image

    title = f"Hai máy chủ {time.strftime('%H%M%S')}"
    picture = io.BytesIO()
    Image.new("RGB", (960, 640), (int(time.time()) % 256, 120, 60)).save(picture, "JPEG", quality=90)
    upload = picture.getvalue()
    token, form = editor.form_token(a, "/admin/images/add/")
    fields = {
        "csrfmiddlewaretoken": token,
        "title": title,
        "alt_text": "Ảnh thử hai máy chủ",
        "caption": title,
        "credit": "",
    }
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', form)
    if collection:
        fields["collection"] = collection.group(1)
    status, _, _ = editor.post_form(
        a, "/admin/images/add/", fields, files={"file": ("hai-may-chu.jpg", upload, "image/jpeg")}
    )
    report(status == 302, "upload an image through server A's admin", f"{status}, {len(upload)} bytes")

    bucket = boto3.client(
        "s3",
        endpoint_url=s3,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=os.environ.get("AWS_S3_REGION_NAME") or "us-east-1",
    )
    originals = bucket.list_objects_v2(Bucket=args.bucket, Prefix="original_images/hai-may-chu").get("Contents", [])
    stored = [
        o["Key"] for o in originals if bucket.get_object(Bucket=args.bucket, Key=o["Key"])["Body"].read() == upload
    ]
    report(len(stored) == 1, "the original is in the bucket, byte for byte", ", ".join(stored) or "not found")
    local = [p for p in Path(args.media_root).rglob("*") if p.is_file()] if Path(args.media_root).exists() else []
    report(not local, "nothing written to the servers' local media folder", f"{len(local)} files in {args.media_root}")

    # B's admin, with the session A issued (sessions live in the shared database).
    status, _, listing = editor.request(b, "GET", "/admin/images/")
    ids = [int(i) for i in re.findall(rb'href="/admin/images/(\d+)/"', listing)]
    image_id = max(ids) if ids else None
    status, _, edit = editor.request(b, "GET", f"/admin/images/{image_id}/")
    edit = edit.decode()
    shown = s3_images_in(edit, s3)
    got = fetch(shown[0]) if shown else (None, "", b"")
    report(
        status == 200 and title in edit and got[0] == 200 and is_image(got[2]) is not None,
        "server B's admin shows the image, its rendition fetched from the S3 server",
        f"image {image_id}: {shown[0] if shown else 'none'} → {got[0]} {got[1]} {is_image(got[2])}",
    )

    # --- An edit published through A's admin is visible through B, A and nginx -------------
    mark = f"HAI-MAY-CHU-{int(time.time())}"
    shell(
        "from home.models import User\nfrom news.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(pk={page_id}).get_latest_revision_as_object()\n"
        f"page.sapo = page.sapo.split(' HAI-MAY-CHU-')[0] + ' {mark}'\npage.feature_image_id = {image_id}\n"
        f"page.save_revision(user=User.objects.get(username='{args.user}'))"
    )
    for base in (a, b, proxy):  # every cache holds the live version first
        Browser().request(base, "GET", article)
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    token, _ = editor.form_token(a, publish)
    status, _, _ = editor.post_form(a, publish, {"csrfmiddlewaretoken": token})
    published = time.monotonic()
    report(status == 302, "publish the draft (edit + the new image) through server A's admin", f"{status}")
    for name, base in (("server B", b), ("server A", a)):
        status, response, html = Browser().request(base, "GET", article)
        html = html.decode()
        report(
            status == 200 and mark in html,
            f"the edit is visible through {name} at once",
            f"{status}, first request {time.monotonic() - published:.2f} s after publishing, "
            f"X-Page-Cache {response.getheader('X-Page-Cache')}",
        )
    status, _, html = Browser().request(b, "GET", article)
    shown = [u for u in s3_images_in(html.decode(), s3) if "/images/" in u]
    got = fetch(shown[0]) if shown else (None, "", b"")
    report(
        bool(shown) and got[0] == 200 and is_image(got[2]) is not None,
        "the article through server B shows the uploaded image from the S3 server",
        f"{shown[0] if shown else 'no S3 image in the page'} → {got[0]} {is_image(got[2])}",
    )
    seen, seconds = wait_for(lambda: mark in Browser().request(proxy, "GET", article)[2].decode(), True, 15)
    report(
        seen and seconds <= args.microcache_bound,
        "the edit is visible through nginx within its micro-cache lifetime",
        f"{seconds:.2f} s after publishing (bound {args.microcache_bound} s)",
    )

    # --- A vote through either server is counted once --------------------------------------
    def vote(base, score):
        voter = Browser()
        voter.request(base, "GET", f"/danh-gia/{page_id}/")
        token = voter.cookies["csrftoken"]
        status, _, data = voter.request(
            base,
            "POST",
            f"/danh-gia/{page_id}/",
            body=json.dumps({"score": score}),
            headers={"Content-Type": "application/json", "X-CSRFToken": token, "Origin": base},
        )
        return status, json.loads(data).get("count")

    before = rating_count(a, page_id)
    for voted_on, read_on, score, names in ((a, b, 4, ("A", "B")), (b, a, 2, ("B", "A"))):
        status, count = vote(voted_on, score)
        expected = before + 1
        # Anonymous reads come from the replica: wait (bounded) for it to replay the vote.
        other, seconds = wait_for(lambda base=read_on: rating_count(base, page_id), expected, 5)
        report(
            status == 200 and count == expected and other == expected,
            f"a vote through server {names[0]} is counted once, read back through server {names[1]}",
            f"{status}, count {count} on {names[0]}, {other} on {names[1]} after {seconds:.2f} s (expected {expected})",
        )
        before = expected
    through_proxy, _ = wait_for(lambda: rating_count(proxy, page_id), before, 5)
    report(through_proxy == before, "nginx reads the same count", f"{through_proxy}")
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        [[rows]] = db.execute("SELECT count(*) FROM news_articlerating WHERE page_id = %s", [page_id]).fetchall()
    report(rows == before, "the database holds one row per vote", f"{rows} rows")

    # --- The worker ran what the servers queued (TASKS_BACKEND=database) --------------------
    def tasks():
        with psycopg.connect(os.environ["DATABASE_URL"]) as db:
            return db.execute(
                "SELECT status, regexp_replace(task_path, '^.*\\.', ''), count(*)"
                " FROM django_tasks_database_dbtaskresult GROUP BY 1, 2 ORDER BY 1, 2"
            ).fetchall()

    pending, seconds = wait_for(lambda: any(status in ("READY", "RUNNING") for status, _, _ in tasks()), False, 30)
    done = tasks()
    report(
        not pending and done and all(status == "SUCCESSFUL" for status, _, _ in done),
        "the db_worker ran every task the servers queued",
        ", ".join(f"{name} {status.lower()} ×{count}" for status, name, count in done) or "no task queued",
    )


def stop_server(pid, name):
    """TERM: gunicorn's graceful stop (the master finishes its requests, then exits).
    KILL: a crash, the master and its workers at once (KILL to the master alone would
    leave its workers serving until they notice)."""
    if name == "KILL":
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            os.kill(int(child), signal.SIGKILL)
    os.kill(pid, getattr(signal, f"SIG{name}"))


def load(args):
    """Exactly `requests` GETs through nginx; SIGTERM to `kill_pid` once `kill_at` of them are sent."""
    paths = args.paths
    order = itertools.islice(enumerate(itertools.cycle(paths)), args.requests)
    kill_index = int(args.requests * args.kill_at)
    lock = threading.Lock()
    statuses, cache = collections.Counter(), collections.Counter()
    after_kill = collections.Counter()
    failures = []
    killed_at = []
    latencies = []
    deadline = time.monotonic() + args.max_seconds
    url = urlsplit(args.nginx)

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout)
        while time.monotonic() < deadline:
            with lock:
                item = next(order, None)
                if item is not None and item[0] == kill_index and args.kill_pid:
                    stop_server(args.kill_pid, args.signal)
                    killed_at.append(time.monotonic())
            if item is None:
                break
            index, path = item[0], item[1].replace("{n}", str(item[0]))
            began = time.monotonic()
            try:
                conn.request("GET", path, headers={"Host": url.netloc})
                response = conn.getresponse()
                response.read()
                status, hit = response.status, response.getheader("X-Proxy-Cache", "-")
            except (OSError, http.client.HTTPException) as error:
                status, hit = type(error).__name__, "-"
                conn.close()
            with lock:
                latencies.append(time.monotonic() - began)
                statuses[status] += 1
                cache[hit] += 1
                if killed_at:
                    after_kill[status] += 1
                if status != 200:
                    failures.append((index, path, status))
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    total = sum(statuses.values())
    latencies.sort()
    summary = {
        "requests": total,
        "planned": args.requests,
        "seconds": round(elapsed, 1),
        "req_per_s": round(total / elapsed, 1),
        "failed": len(failures),
        "statuses": {str(k): v for k, v in statuses.items()},
        "after_kill": {str(k): v for k, v in after_kill.items()},
        "killed_after_s": round(killed_at[0] - start, 1) if killed_at else None,
        "req_per_s_before": round((total - sum(after_kill.values())) / (killed_at[0] - start), 1)
        if killed_at
        else None,
        "req_per_s_after": round(sum(after_kill.values()) / (start + elapsed - killed_at[0]), 1) if killed_at else None,
        "x_proxy_cache": dict(cache),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 1) if latencies else None,
    }
    print(json.dumps(summary))
    for failure in failures[:10]:
        print("failed:", *failure)
    report(total == args.requests, "the whole load was sent within its time bound", f"{total} of {args.requests}")
    report(
        bool(killed_at) or not args.kill_pid,
        f"one server got SIG{args.signal} mid-load",
        f"after {summary['killed_after_s']} s",
    )
    report(
        not failures and after_kill.get(200, 0) > 0,
        "nginx kept serving: 0 failed reader requests",
        f"{len(failures)} failed of {total}; {sum(after_kill.values())} answered after the signal",
    )


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("checks")
    for name in ("--a", "--b", "--nginx", "--s3", "--bucket", "--article", "--user", "--password", "--media-root"):
        check.add_argument(name, required=True)
    check.add_argument("--microcache-bound", type=float, default=7.0)
    run = commands.add_parser("load")
    run.add_argument("--nginx", required=True)
    run.add_argument("--requests", type=int, default=3000)
    run.add_argument("--concurrency", type=int, default=16)
    run.add_argument("--kill-pid", type=int, default=0)
    run.add_argument("--kill-at", type=float, default=0.4)
    run.add_argument("--signal", default="TERM", choices=["TERM", "KILL"])
    run.add_argument("--max-seconds", type=float, default=50)
    run.add_argument("--timeout", type=float, default=30)
    run.add_argument("paths", nargs="+")
    args = parser.parse_args()
    try:
        (checks if args.command == "checks" else load)(args)
    except Exception as error:  # noqa: BLE001  a step that cannot go on is a FAIL, with its reason
        report(False, f"{args.command} stopped", f"{type(error).__name__}: {error}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    raise SystemExit(main())
