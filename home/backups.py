"""Backing up and restoring the database and uploaded media (SQLite or PostgreSQL).

A backup is a folder holding `database.sqlite3` or `database.pgdump` (pg_dump's custom
format) and `media.tar.gz`. PostgreSQL needs pg_dump/pg_restore on the PATH. Media is read
and written through Django's storage API, so the same backup works with local disk and
with an S3 bucket, and moves between them.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
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
        for name in media_names():
            with default_storage.open(name, "rb") as source:
                info = tarfile.TarInfo(name)
                info.size = default_storage.size(name)
                archive.addfile(info, source)
    written.append(media)
    return written


def media_names(storage=default_storage, folder=""):
    """Every stored file's name, sorted, folders walked through the storage API."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # local disk before the first upload
        return []
    names = [f"{folder}{name}" for name in files if name != ".gitignore"]
    for sub in folders:
        names += media_names(storage, f"{folder}{sub}/")
    return sorted(names)


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
    restored = _restore_media(folder / MEDIA_FILE)
    # Running workers remember pages and settings of the database that was replaced.
    content_changed()
    return restored


def _restore_media(archive_path):
    """Write every file of the archive into the storage under its own name; returns the count."""
    count = 0
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            path = PurePosixPath(member.name)
            if not member.isfile() or path.is_absolute() or ".." in path.parts:
                continue  # a backup cannot write outside the media
            name = str(path)
            # The database names these files: they must come back under exactly this name.
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, archive.extractfile(member))
            if saved != name:
                raise RuntimeError(f"media file {name} was stored as {saved}")
            count += 1
    return count
