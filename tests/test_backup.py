"""A backup restored into a fresh database serves the same articles and vote counts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from django.core.management import call_command
from django.db import connection
from django.test import Client

from .factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHECK = """
import json, django
django.setup()
from django.test import Client
client = Client()
page = client.get({url!r})
votes = client.get({votes!r}).json()
print(json.dumps({{"status": page.status_code, "has_title": {title!r} in page.content.decode(), "count": votes["count"],
                   "average": votes["average"]}}))
"""


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of an empty database of the same kind as the suite's."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"congtin_restore_{os.getpid()}"
    admin = psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"] or ""
    yield f"postgres://{user}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _manage(database_url, *args, code=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings.test")
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_backup_then_restore_into_a_fresh_database(tmp_path, section, fresh_database):
    article = ArticlePageFactory(parent=section, title="Bài cần sao lưu")
    for score in (5, 4, 3):
        response = Client().post(
            f"/danh-gia/{article.pk}/", json.dumps({"score": score}), content_type="application/json"
        )
        assert response.status_code == 200
    call_command("backup", output=str(tmp_path / "backup"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    written = sorted(path.name for path in (tmp_path / "backup").iterdir())
    assert written == sorted(
        ["media.tar.gz", "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"]
    )

    _manage(fresh_database, "restore", str(tmp_path / "backup"), "--yes")
    check = CHECK.format(url=article.url, votes=f"/danh-gia/{article.pk}/", title="Bài cần sao lưu")
    result = json.loads(_manage(fresh_database, code=check).stdout.strip().splitlines()[-1])
    assert result == {"status": 200, "has_title": True, "count": 3, "average": 4.0}


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(Exception, match="Not a backup folder"):
        call_command("restore", str(tmp_path), "--yes")
