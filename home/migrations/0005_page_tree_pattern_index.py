"""On PostgreSQL, index Wagtail's page tree by (depth, path) for prefix searches.

Every "children of this page" query is `depth = d AND path LIKE 'prefix%'`. PostgreSQL
cannot use the default path index for LIKE under a non-C collation, so on a large portal
listing the home page's sections scanned every page. `varchar_pattern_ops` makes the
prefix a range on the index. SQLite is left as it is.
"""

from django.db import migrations

INDEX = "congtin_page_depth_path_pattern"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path varchar_pattern_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("home", "0004_english_pages_and_image_captions"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create_index, drop_index)]
