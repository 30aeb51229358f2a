"""Backing up and restoring the database and uploaded media (SQLite or PostgreSQL).

A backup is a folder holding `database.sqlite3` or `database.pgdump` (pg_dump's custom
format) and `media.tar.gz`. PostgreSQL needs pg_dump/pg_restore on the PATH.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from .furniture import content_changed

SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_FILE = "media.tar.gz"


def _pg_env(db):
    return {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def _pg_args(db):
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def _run_pg(program, *args, db):
    executable = shutil.which(program)
    if executable is None:
        raise RuntimeError(f"{program} is not installed: install the PostgreSQL client tools.")
    # A fixed program with arguments from settings, never from a request.
    subprocess.run([executable, *args], check=True, env=_pg_env(db), timeout=3600)  # noqa: S603


def backup(folder):
    """Write the current database and media into `folder` (created); returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    written = []
    if connection.vendor == "sqlite":
        target = folder / SQLITE_FILE
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # consistent even while the site writes
        written.append(target)
    elif connection.vendor == "postgresql":
        target = folder / PG_FILE
        _run_pg("pg_dump", *_pg_args(db), "--format=custom", "--no-owner", "--file", str(target), db["NAME"], db=db)
        written.append(target)
    else:
        raise RuntimeError(f"No backup method for {connection.vendor}.")
    media = folder / MEDIA_FILE
    with tarfile.open(media, "w:gz") as archive:
        root = Path(settings.MEDIA_ROOT)
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.name != ".gitignore":
                    archive.add(path, arcname=str(path.relative_to(root)))
    written.append(media)
    return written


def restore(folder):
    """Replace the current database and media with the backup in `folder`."""
    folder = Path(folder)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        source = folder / SQLITE_FILE
        if not source.exists():
            raise FileNotFoundError(source)
        connection.close()
        with sqlite3.connect(source) as original, sqlite3.connect(db["NAME"]) as target:
            original.backup(target)
    elif connection.vendor == "postgresql":
        source = folder / PG_FILE
        if not source.exists():
            raise FileNotFoundError(source)
        connection.close()
        _run_pg(
            "pg_restore",
            *_pg_args(db),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            db["NAME"],
            str(source),
            db=db,
        )
    else:
        raise RuntimeError(f"No restore method for {connection.vendor}.")
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_FILE, "r:gz") as archive:
        archive.extractall(root, filter="data")  # refuses absolute paths and "..": a backup cannot write elsewhere
    # Running workers remember pages and settings of the database that was replaced.
    content_changed()
    return root
