"""The deploy recipe end to end: gunicorn under production settings behind the shipped nginx file.

The nginx file is rendered exactly as bench/proxy.sh renders it (only its three BENCH values:
the cache folder, gunicorn's address, the listen port); the application gets the recipe's
environment (RATING_TRUSTED_PROXIES=127.0.0.1). Clients connect from other loopback
addresses (127.0.0.2, 127.0.0.3…) so nginx sees real, distinct reader addresses.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from django.db import connection

from .factories import ArticlePageFactory, SectionPageFactory

NGINX = Path("/usr/sbin/nginx")
ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "deploy" / "nginx-microcache.conf"
REDIS_DB = 13  # this test's own Redis database

pytestmark = [
    pytest.mark.nginx,
    # Committed data, so gunicorn sees it; the migrations' pages are put back after each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not NGINX.exists(), reason="nginx is not installed (apt-get install nginx-light)"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, log, seconds=60):
    """Poll until `port` accepts connections; fail at once if `process` died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{log.stem} exited with {process.returncode}: {log.read_text()[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"{log.stem} did not listen on {port} within {seconds} s: {log.read_text()[-2000:]}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def render_recipe(folder, app_port, listen_port):
    """The shipped file with only its three BENCH values replaced (as bench/proxy.sh does)."""
    text = RECIPE.read_text()
    for old, new in (
        ("/var/cache/nginx/congtin", str(folder / "cache")),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("listen 80;", f"listen 127.0.0.1:{listen_port};"),
    ):
        assert text.count(old) == 1, f"the recipe no longer has exactly one {old!r}"
        text = text.replace(old, new)
    return text


def recipe_value(name):
    """A variable as the recipe's environment file (.env.example) sets it."""
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def redis_url():
    """Redis, as production runs, when it is up (this test's own database, emptied)."""
    import redis

    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.RedisError:
        return None
    return url


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=app_env(DJANGO_STATIC_ROOT=str(root)),
        check=True,
        timeout=300,
    )
    return root


def app_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RATING_", "READ_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="deploy-test-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",  # nginx listens on plain http here
        DJANGO_BEHIND_TLS_PROXY="true",  # believe X-Forwarded-Proto, as behind TLS in production
        RATING_TRUSTED_PROXIES=recipe_value("RATING_TRUSTED_PROXIES"),  # the recipe's one proxy
        RATING_RATE_LIMIT="3/10m",
        PAGE_CACHE_SECONDS="300",
    )
    env.update(extra)
    return env


class Stack:
    def __init__(self, app_port, proxy_port, article):
        self.app_port, self.proxy_port, self.article = app_port, proxy_port, article

    def request(self, method, path, *, via_proxy=True, source="127.0.0.2", headers=None, body=None):
        port = self.proxy_port if via_proxy else self.app_port
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
        try:
            conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def vote(self, source, forwarded_for):
        """A new reader's vote from `source`, as the page's script casts it (CSRF token from a GET)."""
        path = f"/danh-gia/{self.article.pk}/"
        _, headers, _ = self.request("GET", path, source=source)
        token = headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
        return self.request(
            "POST",
            path,
            source=source,
            body=json.dumps({"score": 5}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"csrftoken={token}",
                "X-CSRFToken": token,
                "Origin": "http://localhost",
                "X-Forwarded-For": forwarded_for,
            },
        )[0]


@pytest.fixture
def nginx_dir():
    """nginx's folder: its workers drop root, so (unlike pytest's tmp_path) every reader may enter it."""
    folder = Path(tempfile.mkdtemp(prefix="congtin-nginx-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def stack(static_root, nginx_dir):
    article = ArticlePageFactory(parent=SectionPageFactory(title="Tin tức"), title="Bài qua nginx")
    app_port, proxy_port = free_port(), free_port()
    redis = redis_url()
    env = app_env(DJANGO_STATIC_ROOT=str(static_root), DATABASE_URL=database_url(), DATABASE_CONN_MAX_AGE="0")
    if redis:
        env["REDIS_URL"] = redis
    app_log, proxy_log = (nginx_dir / "gunicorn.log").open("w"), (nginx_dir / "nginx.log").open("w")
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2" if redis else "1"]
        + ["--bind", f"127.0.0.1:{app_port}", "--graceful-timeout", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=app_log,
    )
    for folder in ("cache", "work"):
        (nginx_dir / folder).mkdir()
        (nginx_dir / folder).chmod(0o777)  # nginx's workers drop root
    (nginx_dir / "microcache.conf").write_text(render_recipe(nginx_dir, app_port, proxy_port))
    (nginx_dir / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {nginx_dir}/work/body;
    proxy_temp_path {nginx_dir}/work/proxy;
    fastcgi_temp_path {nginx_dir}/work/fastcgi;
    uwsgi_temp_path {nginx_dir}/work/uwsgi;
    scgi_temp_path {nginx_dir}/work/scgi;
    include {nginx_dir}/microcache.conf;
}}
"""
    )
    proxy = subprocess.Popen(
        [str(NGINX), "-c", str(nginx_dir / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=proxy_log,
    )
    try:
        wait_for_port(app_port, app, nginx_dir / "gunicorn.log")
        wait_for_port(proxy_port, proxy, nginx_dir / "nginx.log")
        yield Stack(app_port, proxy_port, article)
    finally:
        stop(proxy)
        stop(app)
        app_log.close()
        proxy_log.close()


def test_the_real_reader_address_reaches_the_vote_limit(stack):
    # One reader cannot spread its votes over made-up addresses: nginx overwrites X-Forwarded-For.
    spoofed = [stack.vote("127.0.0.2", f"198.51.100.{n}") for n in range(5)]
    assert spoofed == [200, 200, 200, 429, 429]
    # Another reader is not held back by the first one (the limit is not the whole site's).
    assert [stack.vote("127.0.0.3", "127.0.0.2") for _ in range(4)] == [200, 200, 200, 429]


def test_read_beacons_pass_the_proxy_with_their_cookie(stack):
    path = f"/luot-doc/{stack.article.pk}/"
    status, headers, _ = stack.request("POST", path, source="127.0.0.4")
    assert status == 202
    cookie = headers["Set-Cookie"].split(";")[0]
    assert stack.request("POST", path, source="127.0.0.4", headers={"Cookie": cookie})[0] == 204
    from news.models import ArticleDailyReads

    assert list(ArticleDailyReads.objects.values_list("page_id", "count")) == [(stack.article.pk, 1)]


def test_a_client_cannot_claim_https(stack):
    status, headers, body = stack.request("GET", "/rss/", headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert f"<link>http://localhost{stack.article.url}</link>" in body.decode()
    assert "https://localhost" not in body.decode()


def test_the_page_cache_key_ignores_the_spelling_of_the_host(stack):
    path = stack.article.url
    status, headers, first = stack.request("GET", path, headers={"Host": "LOCALHOST"})
    assert (status, headers["X-Proxy-Cache"], headers["X-Page-Cache"]) == (200, "MISS", "MISS")
    # Straight to gunicorn, past nginx's own cache: the same entry whatever the Host's spelling.
    for host in ("localhost", "localhost.:9999", "LocalHost:80"):
        status, headers, body = stack.request("GET", path, via_proxy=False, headers={"Host": host})
        assert (host, status, headers["X-Page-Cache"]) == (host, 200, "HIT")
        assert body == first


def test_junk_query_strings_are_the_clean_page_in_both_caches(stack):
    status, headers, clean = stack.request("GET", stack.article.url)
    assert (status, headers["X-Proxy-Cache"]) == (200, "MISS")
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=5"
    for junk in ("?utm_source=zalo", "?fbclid=IwAR2x&utm_medium=social", "?x=8231"):
        status, headers, body = stack.request("GET", stack.article.url + junk)
        assert (junk, status, headers["X-Proxy-Cache"], body) == (junk, 200, "HIT", clean)
        status, headers, body = stack.request("GET", stack.article.url + junk, via_proxy=False)
        assert (junk, headers["X-Page-Cache"], body) == (junk, "HIT", clean)


def test_nginx_and_the_application_read_repeated_and_respelled_parameters_alike(stack):
    """Whatever a query string repeats or respells, nginx's key names the page the application
    renders for it: no request can store one page under another page's key."""
    _, _, first_wins = stack.request("GET", "/tim-kiem/?q=hop+tac&q=qua+nginx", via_proxy=False)
    _, _, other = stack.request("GET", "/tim-kiem/?q=qua+nginx", via_proxy=False)
    assert first_wins != other
    for query in ("?Q=hop+tac&q=qua+nginx", "?q=hop+tac&Q=qua+nginx&x=1"):
        status, headers, body = stack.request("GET", "/tim-kiem/" + query)
        assert (query, status, body) == (query, 200, first_wins)
    status, headers, body = stack.request("GET", "/tim-kiem/?q=qua+nginx")
    assert (status, body) == (200, other)


def test_the_request_id_is_nginx_s_never_the_client_s(stack):
    for method, path in (("GET", stack.article.url), ("GET", "/admin/login/")):
        status, headers, _ = stack.request(method, path, headers={"X-Request-ID": "attacker-chosen-id-0001"})
        assert status == 200
        request_id = headers["X-Request-ID"]
        assert (len(request_id), set(request_id) <= set("0123456789abcdef")) == (32, True)


def test_no_location_names_the_admin_and_the_admin_is_never_cached(stack):
    locations = [line.split("{")[0].strip() for line in RECIPE.read_text().splitlines() if "location" in line]
    assert [line for line in locations if line.startswith("location")] == [
        "location /",
        "location /media/",
        "location /media/documents/",
    ]
    outcomes = [stack.request("GET", "/admin/login/")[1]["X-Proxy-Cache"] for _ in range(2)]
    assert outcomes == ["MISS", "MISS"]
    # An upload bigger than nginx's default 1 MB reaches the application (which wants a login).
    status, headers, _ = stack.request("POST", "/admin/images/multiple/add/", body=b"x" * (5 * 1024 * 1024))
    assert status == 403


def test_an_editor_logs_in_through_a_proxy_on_another_port(stack):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from home.models import User

    # The hasher production reads (the tests' own is a fast one gunicorn does not know).
    hasher = PBKDF2PasswordHasher()
    password = hasher.encode("Mat-khau-dung-2026", hasher.salt())
    User.objects.create(username="bientap", password=password, is_superuser=True, is_staff=True)
    host = f"localhost:{stack.proxy_port}"
    _, headers, body = stack.request("GET", "/admin/login/", headers={"Host": host})
    cookie = headers["Set-Cookie"].split(";")[0]
    token = body.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    form = f"csrfmiddlewaretoken={token}&username=bientap&password=Mat-khau-dung-2026&next=/admin/"
    status, headers, _ = stack.request(
        "POST",
        "/admin/login/",
        body=form.encode(),
        headers={
            "Host": host,
            "Origin": f"http://{host}",
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert (status, headers["Location"]) == (302, "/admin/")
