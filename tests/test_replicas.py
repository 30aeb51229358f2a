"""Read replicas against a real PostgreSQL streaming replica (.ci/run starts it on 127.0.0.1:5433).

Run with DATABASE_URL=postgres://…:5432/NAME and DATABASE_REPLICA_URLS=postgres://…:5433/NAME:
the test database is created on the primary and reaches the replica by replication.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from django.conf import settings
from django.db import connections
from django.test import Client

from home.models import User
from home.personal import PRIMARY_COOKIE

from .factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[1]


def test_replica_urls_add_aliases_a_router_and_the_middleware():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="postgres://congtin@db1:5432/congtin",
        DATABASE_REPLICA_URLS="postgres://congtin@db2:5432/congtin, postgres://congtin@db3:5432/congtin",
    )
    code = (
        "import json, django; django.setup()\n"
        "from django.conf import settings as s\n"
        "print(json.dumps([{a: [d['HOST'], d['TEST'].get('MIRROR')] for a, d in s.DATABASES.items()},"
        " s.DATABASE_ROUTERS, s.MIDDLEWARE[:3]]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )  # noqa: S603
    assert result.returncode == 0, result.stderr
    aliases, routers, middleware = json.loads(result.stdout.strip().splitlines()[-1])
    assert aliases == {"default": ["db1", None], "replica1": ["db2", "default"], "replica2": ["db3", "default"]}
    assert routers == ["home.db_router.ReplicaRouter"]
    assert middleware == [
        "home.request_id.RequestIdMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "home.db_router.ReplicaMiddleware",
    ]


def _replica_or_skip():
    if "replica1" not in settings.DATABASES:
        pytest.skip("no replica configured: set DATABASE_REPLICA_URLS (.ci/run does, with a replica on 5433)")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("read replicas are tested on PostgreSQL only")
    replica = settings.DATABASES["replica1"]
    try:
        psycopg.connect(host=replica["HOST"], port=replica["PORT"], user=replica["USER"], dbname="postgres").close()
    except psycopg.OperationalError:
        pytest.skip(f"no replica answers on {replica['HOST']}:{replica['PORT']}")


@pytest.fixture
def replica():
    """An admin connection to the replica server; replay is always resumed afterwards."""
    _replica_or_skip()
    settings_dict = settings.DATABASES["replica1"]
    admin = psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        user=settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    )
    yield admin
    admin.execute("SELECT pg_wal_replay_resume()")
    admin.close()


def _caught_up(replica):
    """Wait (bounded) until the replica has replayed everything the primary has written."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        [target] = cursor.fetchone()
    for _ in range(200):
        [[replayed]] = replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchall()
        if replayed:
            return
        time.sleep(0.05)
    pytest.fail("the replica did not catch up")


pytestmark_replica = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")


@pytestmark_replica
def test_while_the_replica_lags_readers_see_old_data_and_a_writer_sees_their_write(replica, section):
    article = ArticlePageFactory(parent=section, title="Tiêu đề cũ", slug="bai-viet")
    _caught_up(replica)
    replica.execute("SELECT pg_wal_replay_pause()")

    revision = article.specific
    revision.title = "Tiêu đề mới"
    revision.save_revision().publish()

    anonymous, voter, editor = Client(), Client(), Client()
    editor.force_login(User.objects.create_user("bientap", password="x" * 12))

    # Anonymous reads come from the paused replica.
    assert "Tiêu đề cũ" in anonymous.get(article.url).content.decode()
    assert anonymous.head(article.url).status_code == 200

    # A vote is written to the primary and its summary read back from it.
    vote = voter.post(f"/danh-gia/{article.pk}/", json.dumps({"score": 4}), content_type="application/json")
    assert vote.status_code == 200
    assert (vote.json()["count"], vote.json()["average"]) == (1, 4.0)
    assert vote.cookies[PRIMARY_COOKIE]["max-age"] == settings.DATABASE_READ_YOUR_WRITES_SECONDS
    # The voter's next reads stay on the primary: they see their vote and the new title.
    assert voter.get(f"/danh-gia/{article.pk}/").json()["count"] == 1
    assert "Tiêu đề mới" in voter.get(article.url).content.decode()
    # Other readers still read the lagging replica; a logged-in editor reads the primary.
    assert anonymous.get(f"/danh-gia/{article.pk}/").json()["count"] == 0
    assert "Tiêu đề mới" in editor.get(article.url).content.decode()
    # A cookie the server did not sign or issue pins nobody to the primary.
    for name, value in ((PRIMARY_COOKIE, "1"), ("sessionid", "k" * 32)):
        forged = Client()
        forged.cookies[name] = value
        assert "Tiêu đề cũ" in forged.get(article.url).content.decode()

    replica.execute("SELECT pg_wal_replay_resume()")
    _caught_up(replica)
    assert "Tiêu đề mới" in anonymous.get(article.url).content.decode()
    assert anonymous.get(f"/danh-gia/{article.pk}/").json()["count"] == 1


@pytestmark_replica
def test_a_read_beacon_does_not_pin_the_reader_to_the_primary(replica, section):
    article = ArticlePageFactory(parent=section)
    _caught_up(replica)
    reader = Client()
    first = reader.post(f"/luot-doc/{article.pk}/")  # no reader cookie yet: it is issued, not counted
    counted = reader.post(f"/luot-doc/{article.pk}/")
    assert (first.status_code, counted.status_code) == (202, 204)
    assert PRIMARY_COOKIE not in first.cookies
    assert PRIMARY_COOKIE not in counted.cookies


@pytestmark_replica
def test_a_page_cached_just_after_a_publish_is_never_the_lagging_replica_s(replica, section, settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticlePageFactory(parent=section, title="Tiêu đề cũ", slug="bai-cache")
    _caught_up(replica)
    replica.execute("SELECT pg_wal_replay_pause()")
    revision = article.specific
    revision.title = "Tiêu đề mới"
    revision.save_revision().publish()
    first = Client().get(article.url)  # rendered from the primary, and kept for everyone
    assert (first["X-Page-Cache"], "Tiêu đề mới" in first.content.decode()) == ("MISS", True)
    second = Client().get(article.url)
    assert (second["X-Page-Cache"], "Tiêu đề mới" in second.content.decode()) == ("HIT", True)
