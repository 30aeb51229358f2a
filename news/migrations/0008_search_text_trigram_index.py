"""On PostgreSQL, a trigram index lets search find articles by any word without a full scan.

Creating the pg_trgm extension needs a privileged database user; where it is refused the
index is skipped with a warning (search still works, only slower on large portals).
SQLite has no such index: it scans, which is fine at the sizes SQLite is used for.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)
INDEX = "news_article_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 -- an unprivileged user: keep going without the index
        logger.warning("pg_trgm is not available: search runs without its trigram index")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_articlepage USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("news", "0007_legal_documents")]

    operations = [migrations.RunPython(create_index, drop_index)]
