"""Request ids, JSON logs and Sentry (issue 15, item 4)."""

import json
import os
import subprocess
import sys

import pytest

from django.conf import settings

from home.request_id import REQUEST_ID

# A port nothing listens on: the database is refused at once, /healthz/ answers 503 and logs.
UNREACHABLE_DATABASE = "postgres://congtin@127.0.0.1:9/congtin"


def _run(code, **env):
    """Run `code` in a fresh Python with the test settings and these variables."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("SENTRY_", "DJANGO_LOG"))}
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


HEALTHZ_TWICE = """
from django.test import Client
client = Client()
given = client.get("/healthz/", HTTP_X_REQUEST_ID="nginx-4f2a.9")
made = client.get("/healthz/", HTTP_X_REQUEST_ID="bad id\\n")
print(given.status_code, given["X-Request-ID"], made.status_code, made["X-Request-ID"])
"""


def test_json_logs_carry_the_request_id_on_every_line():
    result = _run(HEALTHZ_TWICE, DJANGO_LOG_FORMAT="json", DATABASE_URL=UNREACHABLE_DATABASE)
    given_status, given_id, made_status, made_id = result.stdout.split()
    assert (given_status, given_id, made_status) == ("503", "nginx-4f2a.9", "503")
    assert len(made_id) == 32 and made_id != "bad"  # a fresh uuid4 hex
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(line["request_id"], line["level"], line["logger"]) for line in lines] == [
        ("nginx-4f2a.9", "WARNING", "home.health"),
        ("nginx-4f2a.9", "ERROR", "django.request"),
        (made_id, "WARNING", "home.health"),
        (made_id, "ERROR", "django.request"),
    ]
    assert lines[1]["message"] == "Service Unavailable: /healthz/"
    assert {"time", "level", "logger", "request_id", "message"} <= set(lines[0])


def test_without_the_variable_logs_stay_plain_text():
    result = _run(HEALTHZ_TWICE, DATABASE_URL=UNREACHABLE_DATABASE)
    assert "Service Unavailable: /healthz/" in result.stderr.splitlines()
    assert not result.stderr.lstrip().startswith("{")


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [("abc-123", True), ("a" * 128, True), ("a" * 129, False), ("<script>", False), ("", False), ("-x", False)],
)
def test_responses_carry_a_sane_incoming_id_or_a_new_one(client, home, incoming, kept):
    response = client.get("/", HTTP_X_REQUEST_ID=incoming)
    assert response.status_code == 200
    if kept:
        assert response["X-Request-ID"] == incoming
    else:
        assert len(response["X-Request-ID"]) == 32
        assert response["X-Request-ID"] != incoming
    assert REQUEST_ID.get() == "-"  # reset after the request


SENTRY_STATE = """
import sentry_sdk
client = sentry_sdk.get_client()
print(client.is_active(), client.dsn or "", client.options["environment"], client.options["send_default_pii"])
print(sorted(name for name in client.integrations if name == "django"))
"""


def test_sentry_dsn_turns_sentry_on_with_the_django_integration():
    dsn = "https://public@127.0.0.1:9/1"
    lines = _run(SENTRY_STATE, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="staging").stdout.splitlines()
    assert lines == [f"True {dsn} staging False", "['django']"]


def test_without_sentry_dsn_sentry_stays_off():
    assert _run("import sentry_sdk; print(sentry_sdk.get_client().is_active())").stdout == "False\n"
