"""/healthz/: the load balancer's health check (PRODUCT.md §7)."""

import copy
import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_storage(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_healthz_is_never_served_from_the_page_cache(client):
    with override_settings(PAGE_CACHE_SECONDS=300):
        client.get("/healthz/")
        with override_settings(
            STORAGES={**settings.STORAGES, "default": {"BACKEND": "tests.test_healthz.BrokenStorage"}}
        ):
            response = client.get("/healthz/")
    assert json.loads(response.content)["storage"] == "error"


class BrokenStorage:
    def exists(self, name):
        raise OSError("disk unavailable")


@pytest.mark.django_db
def test_a_cache_that_is_down_is_reported_but_the_server_stays_in(client):
    redis_down = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    with override_settings(CACHES=redis_down):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "error", "storage": "ok"}


def _in_a_fresh_process(code, **environment):
    """The last line `code` prints, as JSON, run by Django set up from `environment`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(environment)
    code = "import django, json; django.setup()\nfrom django.test import Client\n" + code
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/congtin"


def test_healthz_is_503_when_the_database_is_unreachable():
    status, report, cache_control = _in_a_fresh_process(
        "response = Client().get('/healthz/')\n"
        "print(json.dumps([response.status_code, json.loads(response.content), response['Cache-Control']]))",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=UNREACHABLE_DATABASE,
    )
    assert (status, report) == (503, {"database": "error", "cache": "ok", "storage": "ok"})
    assert "no-store" in cache_control


def test_healthz_access_lines_are_not_logged_at_info():
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["django.server"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        server = logging.getLogger("django.server")
        server.info('"%s" %s %s', "GET /healthz/ HTTP/1.1", 200, 48)
        server.info('"%s" %s %s', "GET /tin-tuc/ HTTP/1.1", 200, 9000)
        server.warning('"%s" %s %s', "GET /healthz/ HTTP/1.1", 503, 60)
    finally:
        logging.config.dictConfig(settings.LOGGING)
    lines = [line.split("] ", 1)[1] for line in stream.getvalue().splitlines()]
    assert lines == ['"GET /tin-tuc/ HTTP/1.1" 200 9000', '"GET /healthz/ HTTP/1.1" 503 60']


@pytest.mark.django_db
def test_others_get_the_status_alone_and_cost_one_query(client, settings, django_assert_num_queries, monkeypatch):
    settings.RATING_TRUSTED_PROXIES = ["127.0.0.1"]
    probed = []
    monkeypatch.setattr("home.health._cache", lambda: probed.append("cache"))
    monkeypatch.setattr("home.health._storage", lambda: probed.append("storage"))
    for outside in ({"REMOTE_ADDR": "203.0.113.7"}, {"HTTP_X_FORWARDED_FOR": "2001:db8::1"}):
        with django_assert_num_queries(1):
            response = client.get("/healthz/", **outside)
        assert (response.status_code, json.loads(response.content)) == (200, {"status": "ok"})
    assert probed == []  # neither the cache nor the storage was touched


@pytest.mark.django_db
def test_the_operator_names_who_sees_the_details(client, settings):
    settings.HEALTHZ_DETAIL_NETWORKS = ["10.20.0.0/16"]
    assert json.loads(client.get("/healthz/").content) == {"status": "ok"}  # loopback no longer listed
    report = json.loads(client.get("/healthz/", REMOTE_ADDR="10.20.3.4").content)
    assert report == {"database": "ok", "cache": "ok", "storage": "ok"}


def test_a_load_balancer_asking_over_plain_http_is_answered_not_redirected():
    answers = _in_a_fresh_process(
        "client = Client(HTTP_HOST='congtin.example.gov.vn')\n"
        "print(json.dumps([client.get('/healthz/').status_code, client.get('/').status_code]))",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="congtin.example.gov.vn",
        DATABASE_URL=UNREACHABLE_DATABASE,  # its answer is 503, not a 301
    )
    assert answers == [503, 301]
